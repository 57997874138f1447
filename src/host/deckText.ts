// The decks that ship with the extension, in the display language. The domain keeps them in
// English (src/domain/decks: the CLI and the tests read them there, and src/domain knows no
// VS Code); here each name, description, column, prompt and topic goes through vscode.l10n,
// by the built-in deck's and prompt's ids, when Start Retro loads the decks. The retro records
// the deck as it was shown (session.created), so a session file and its reports read the same
// later in any display language. test/unit/host/deckTextL10n.test.ts holds this English to
// the domain's.
import * as vscode from 'vscode';
import { DEFAULT_COLUMNS } from '../domain/decks/builtin';
import { DECK_LIMITS } from '../domain/decks/deckSchema';
import type { Deck } from '../domain/types';

interface DeckWords {
  name: string;
  description: string;
  columns?: string[];
}

/**
 * A translation the retro's file can hold, else the English: a blank or over-long one (a
 * bundle's mistake) would fail the deck's check when the file is read again, or the team
 * server's check of the opening events.
 */
function fit(shown: string | undefined, english: string, max: number): string {
  return shown !== undefined && /\S/.test(shown) && shown.length <= max ? shown : english;
}

/**
 * A deck as Start Retro offers it: a built-in one in the display language, and any deck
 * without columns of its own with the default columns in that language, so the retro records
 * the columns it shows. A custom deck's own words are its author's and stay as written.
 */
export function shownDeck(deck: Deck): Deck {
  const words = deck.source === 'builtin' ? deckWords()[deck.id] : undefined;
  const prompts = words ? promptWords() : {};
  const topics = words ? topicWords() : {};
  const own = deck.columns && deck.columns.length > 0 ? deck.columns : undefined;
  const columns = own
    ? own.map((c, i) => fit(words?.columns?.[i], c, DECK_LIMITS.columnMax))
    : defaultColumns().map((c, i) => fit(c, DEFAULT_COLUMNS[i] ?? c, DECK_LIMITS.columnMax));
  return {
    ...deck,
    ...(words && { name: fit(words.name, deck.name, DECK_LIMITS.nameMax) }),
    ...(words && deck.description !== undefined && { description: fit(words.description, deck.description, DECK_LIMITS.descriptionMax) }),
    // A prompt the table does not know yet keeps the domain's English (deckTextL10n.test fails on it).
    prompts: deck.prompts.map((p) => ({
      ...p,
      text: fit(prompts[p.id], p.text, DECK_LIMITS.textMax),
      topic: fit(topics[p.topic], p.topic, DECK_LIMITS.topicMax),
    })),
    columns,
  };
}

function deckWords(): Record<string, DeckWords> {
  return {
    'layered-check-in': {
      name: vscode.l10n.t('Layered check-in'),
      description: vscode.l10n.t('Check-in prompts that deepen layer by layer: safe facts, opinions about the work, feelings, then needs. Go deeper only once the layer is matched.'),
    },
    'start-stop-continue': {
      name: vscode.l10n.t('Start / Stop / Continue'),
      description: vscode.l10n.t('What to start, stop and keep doing, asked first about the work and then about how it feels.'),
      columns: [vscode.l10n.t('Start'), vscode.l10n.t('Stop'), vscode.l10n.t('Continue')],
    },
    'four-ls': {
      name: vscode.l10n.t('4Ls'),
      description: vscode.l10n.t('Liked, Learned, Lacked, Longed for, from the easy ones to what people long for.'),
      columns: [vscode.l10n.t('Liked'), vscode.l10n.t('Learned'), vscode.l10n.t('Lacked'), vscode.l10n.t('Longed for')],
    },
    'mad-sad-glad': {
      name: vscode.l10n.t('Mad / Sad / Glad'),
      description: vscode.l10n.t('Feelings about the sprint, starting with what went well.'),
      columns: [vscode.l10n.t('Mad'), vscode.l10n.t('Sad'), vscode.l10n.t('Glad')],
    },
    'sailboat': {
      name: vscode.l10n.t('Sailboat'),
      description: vscode.l10n.t('Wind, anchors, rocks and the island we sail to, from the team view to the personal one.'),
      columns: [vscode.l10n.t('Wind'), vscode.l10n.t('Anchors'), vscode.l10n.t('Rocks'), vscode.l10n.t('Island')],
    },
  };
}

function promptWords(): Record<string, string> {
  return {
    'lc-1-one-word': vscode.l10n.t('One word for your sprint.'),
    'lc-1-time': vscode.l10n.t('What did you spend most of your time on this sprint?'),
    'lc-1-tool': vscode.l10n.t('Which tool or command did you reach for most this sprint?'),
    'lc-1-who': vscode.l10n.t('Who did you work with most closely this sprint?'),
    'lc-1-finished': vscode.l10n.t('What is one thing you finished, however small?'),
    'lc-1-plate': vscode.l10n.t('From 1 to 5, how full was your plate this sprint?'),
    'lc-1-weather': vscode.l10n.t('What is the weather in your corner of the project: sunny, cloudy or stormy?'),
    'lc-1-learned': vscode.l10n.t('Name one new thing you learned this sprint, technical or not.'),
    'lc-2-surprised': vscode.l10n.t('What surprised you this sprint?'),
    'lc-2-better': vscode.l10n.t('What worked better than you expected?'),
    'lc-2-busywork': vscode.l10n.t('Which part of our process felt like busywork?'),
    'lc-2-tools': vscode.l10n.t('Which tool slowed you down, and which one saved you time?'),
    'lc-2-handoff': vscode.l10n.t('Where did a hand-off between us go smoothly, and where did it not?'),
    'lc-2-planning': vscode.l10n.t('If you could change one thing about how we plan, what would it be?'),
    'lc-2-easier': vscode.l10n.t('What did someone on the team do that made your work easier?'),
    'lc-2-realistic': vscode.l10n.t('Was the amount of work this sprint realistic? What made it so, or not?'),
    'lc-3-stuck': vscode.l10n.t('When did you feel stuck, and what did it cost you?'),
    'lc-3-unsaid': vscode.l10n.t('What frustrated you this sprint that you did not mention at the time?'),
    'lc-3-energy': vscode.l10n.t('When did you feel most energised, and when most drained?'),
    'lc-3-help': vscode.l10n.t('Was there a moment you wanted help but did not ask? What held you back?'),
    'lc-3-worried': vscode.l10n.t('What are you worried about for the next sprint?'),
    'lc-3-unseen': vscode.l10n.t('When did you feel your work went unseen?'),
    'lc-3-uneasy': vscode.l10n.t('Which decision from this sprint are you still uneasy about?'),
    'lc-4-need': vscode.l10n.t('What do you need from this team that you are not getting?'),
    'lc-4-hesitant': vscode.l10n.t('What is something you have hesitated to say in a retro?'),
    'lc-4-disagree': vscode.l10n.t('What would make it safer for you to disagree in this team?'),
    'lc-4-matters': vscode.l10n.t('What part of your work matters most to you, and does the team know it?'),
    'lc-4-pressure': vscode.l10n.t('What would you change about how we treat each other under pressure?'),
    'lc-4-ask': vscode.l10n.t('What do you need to do your best work that feels hard to ask for?'),
    'lc-4-alone': vscode.l10n.t('Is there something in your work you have been carrying alone?'),
    'ssc-1-keep': vscode.l10n.t('Name one thing we did this sprint that we should keep doing.'),
    'ssc-1-habit': vscode.l10n.t('One small habit we could start tomorrow.'),
    'ssc-2-stop': vscode.l10n.t('What should we stop doing because it no longer earns its keep?'),
    'ssc-2-borrow': vscode.l10n.t('What practice from another team would you like us to try?'),
    'ssc-3-frustrates': vscode.l10n.t('What do we keep doing that quietly frustrates you?'),
    'ssc-3-pressure': vscode.l10n.t('What would you like us to keep doing even when we are under pressure?'),
    'ssc-4-speak': vscode.l10n.t('What should we start doing so that everyone feels able to speak up?'),
    'ssc-4-cost': vscode.l10n.t('What should we stop doing that costs someone here more than we see?'),
    '4l-1-liked': vscode.l10n.t('Something you liked about this sprint.'),
    '4l-1-learned': vscode.l10n.t('One thing you learned this sprint.'),
    '4l-2-lacked': vscode.l10n.t('What did we lack that would have made this sprint easier?'),
    '4l-2-together': vscode.l10n.t('What did you learn about how we work together?'),
    '4l-3-longed': vscode.l10n.t('What did you long for this sprint that never came?'),
    '4l-3-alone': vscode.l10n.t('What was missing that left you feeling exposed or on your own?'),
    '4l-4-unsaid': vscode.l10n.t('What do you long for in this team that you have not said out loud?'),
    '4l-4-yourself': vscode.l10n.t('What have you learned about yourself in this team lately?'),
    'msg-1-glad': vscode.l10n.t('What made you glad this sprint?'),
    'msg-1-win': vscode.l10n.t('A small win that made you smile.'),
    'msg-2-sad': vscode.l10n.t('What left you a bit disappointed?'),
    'msg-2-annoyed': vscode.l10n.t('What annoyed you about the work itself?'),
    'msg-3-mad': vscode.l10n.t('What made you mad, and what was underneath it?'),
    'msg-3-lost': vscode.l10n.t('What are you sad we lost, or never got to?'),
    'msg-4-glad': vscode.l10n.t('What would need to change for you to be glad to come to work here?'),
    'msg-4-kept': vscode.l10n.t('What feeling about this team have you kept to yourself?'),
    'sail-1-island': vscode.l10n.t('What is our island: where are we heading?'),
    'sail-1-wind': vscode.l10n.t('What wind pushed us forward this sprint?'),
    'sail-2-anchor': vscode.l10n.t('Which anchor slowed us down?'),
    'sail-2-rocks': vscode.l10n.t('Which rocks do you see ahead?'),
    'sail-3-weighs': vscode.l10n.t('Which anchor weighs on you personally?'),
    'sail-3-worry': vscode.l10n.t('Which rock worries you most, and why?'),
    'sail-4-crew': vscode.l10n.t('What would you need from this crew to sail toward the island with confidence?'),
    'sail-4-holding': vscode.l10n.t('What are you holding on to that might be an anchor for the team?'),
  };
}

function topicWords(): Record<string, string> {
  return {
    'sprint': vscode.l10n.t('sprint'),
    'workload': vscode.l10n.t('workload'),
    'tools': vscode.l10n.t('tools'),
    'collaboration': vscode.l10n.t('collaboration'),
    'wins': vscode.l10n.t('wins'),
    'feelings': vscode.l10n.t('feelings'),
    'learning': vscode.l10n.t('learning'),
    'process': vscode.l10n.t('process'),
    'planning': vscode.l10n.t('planning'),
    'appreciation': vscode.l10n.t('appreciation'),
    'energy': vscode.l10n.t('energy'),
    'recognition': vscode.l10n.t('recognition'),
    'decisions': vscode.l10n.t('decisions'),
    'needs': vscode.l10n.t('needs'),
    'trust': vscode.l10n.t('trust'),
    'safety': vscode.l10n.t('safety'),
    'meaning': vscode.l10n.t('meaning'),
    'continue': vscode.l10n.t('continue'),
    'start': vscode.l10n.t('start'),
    'stop': vscode.l10n.t('stop'),
    'liked': vscode.l10n.t('liked'),
    'learned': vscode.l10n.t('learned'),
    'lacked': vscode.l10n.t('lacked'),
    'longed-for': vscode.l10n.t('longed-for'),
    'glad': vscode.l10n.t('glad'),
    'sad': vscode.l10n.t('sad'),
    'mad': vscode.l10n.t('mad'),
    'island': vscode.l10n.t('island'),
    'wind': vscode.l10n.t('wind'),
    'anchors': vscode.l10n.t('anchors'),
    'rocks': vscode.l10n.t('rocks'),
  };
}

const defaultColumns = (): string[] => [vscode.l10n.t('Went well'), vscode.l10n.t('Could be better'), vscode.l10n.t('Ideas')];
