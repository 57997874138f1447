// The default deck: a layered check-in after social penetration theory. Each depth
// covers several topics (breadth) so a team can stay at a layer for a while without
// repeating itself, and prompts rotate across a team's recent retros.
import type { Deck, Depth, Prompt } from '../types';

const p = (id: string, depth: Depth, topic: string, text: string): Prompt => ({ id: `lc-${id}`, depth, topic, text });

export const LAYERED_CHECK_IN: Deck = {
  id: 'layered-check-in',
  name: 'Layered check-in',
  description:
    'Check-in prompts that deepen layer by layer: safe facts, opinions about the work, feelings, then needs. Go deeper only once the layer is matched.',
  source: 'builtin',
  prompts: [
    // 1 · Orientation: safe, public facts.
    p('1-one-word', 1, 'sprint', 'One word for your sprint.'),
    p('1-time', 1, 'workload', 'What did you spend most of your time on this sprint?'),
    p('1-tool', 1, 'tools', 'Which tool or command did you reach for most this sprint?'),
    p('1-who', 1, 'collaboration', 'Who did you work with most closely this sprint?'),
    p('1-finished', 1, 'wins', 'What is one thing you finished, however small?'),
    p('1-plate', 1, 'workload', 'From 1 to 5, how full was your plate this sprint?'),
    p('1-weather', 1, 'feelings', 'What is the weather in your corner of the project: sunny, cloudy or stormy?'),
    p('1-learned', 1, 'learning', 'Name one new thing you learned this sprint, technical or not.'),
    // 2 · Exploratory affective: opinions about the work.
    p('2-surprised', 2, 'process', 'What surprised you this sprint?'),
    p('2-better', 2, 'process', 'What worked better than you expected?'),
    p('2-busywork', 2, 'process', 'Which part of our process felt like busywork?'),
    p('2-tools', 2, 'tools', 'Which tool slowed you down, and which one saved you time?'),
    p('2-handoff', 2, 'collaboration', 'Where did a hand-off between us go smoothly, and where did it not?'),
    p('2-planning', 2, 'planning', 'If you could change one thing about how we plan, what would it be?'),
    p('2-easier', 2, 'appreciation', 'What did someone on the team do that made your work easier?'),
    p('2-realistic', 2, 'workload', 'Was the amount of work this sprint realistic? What made it so, or not?'),
    // 3 · Affective: feelings and frustrations.
    p('3-stuck', 3, 'feelings', 'When did you feel stuck, and what did it cost you?'),
    p('3-unsaid', 3, 'feelings', 'What frustrated you this sprint that you did not mention at the time?'),
    p('3-energy', 3, 'energy', 'When did you feel most energised, and when most drained?'),
    p('3-help', 3, 'collaboration', 'Was there a moment you wanted help but did not ask? What held you back?'),
    p('3-worried', 3, 'workload', 'What are you worried about for the next sprint?'),
    p('3-unseen', 3, 'recognition', 'When did you feel your work went unseen?'),
    p('3-uneasy', 3, 'decisions', 'Which decision from this sprint are you still uneasy about?'),
    // 4 · Stable: core needs, things left unsaid.
    p('4-need', 4, 'needs', 'What do you need from this team that you are not getting?'),
    p('4-hesitant', 4, 'trust', 'What is something you have hesitated to say in a retro?'),
    p('4-disagree', 4, 'safety', 'What would make it safer for you to disagree in this team?'),
    p('4-matters', 4, 'meaning', 'What part of your work matters most to you, and does the team know it?'),
    p('4-pressure', 4, 'collaboration', 'What would you change about how we treat each other under pressure?'),
    p('4-ask', 4, 'needs', 'What do you need to do your best work that feels hard to ask for?'),
    p('4-alone', 4, 'workload', 'Is there something in your work you have been carrying alone?'),
  ],
};
