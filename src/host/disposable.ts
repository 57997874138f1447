import type * as vscode from 'vscode';
import { log } from './log';

/** Base for objects that own other disposables; dispose() may safely be called twice. */
export abstract class Disposable {
  private disposed = false;
  private readonly owned: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.owned.push(d);
    }
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) {
      try {
        this.owned.pop()?.dispose();
      } catch (err) {
        log.error('dispose failed', err);
      }
    }
  }
}
