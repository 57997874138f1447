// The classic retro formats, re-expressed with depths: the same columns teams know for
// gathering data, plus check-in prompts that go from the safe version of the question
// to the personal one.
import type { Deck, Depth, Prompt } from '../types';

const p =
  (prefix: string) =>
  (id: string, depth: Depth, topic: string, text: string): Prompt => ({ id: `${prefix}-${id}`, depth, topic, text });

const ssc = p('ssc');
export const START_STOP_CONTINUE: Deck = {
  id: 'start-stop-continue',
  name: 'Start / Stop / Continue',
  description: 'What to start, stop and keep doing, asked first about the work and then about how it feels.',
  source: 'builtin',
  columns: ['Start', 'Stop', 'Continue'],
  prompts: [
    ssc('1-keep', 1, 'continue', 'Name one thing we did this sprint that we should keep doing.'),
    ssc('1-habit', 1, 'start', 'One small habit we could start tomorrow.'),
    ssc('2-stop', 2, 'stop', 'What should we stop doing because it no longer earns its keep?'),
    ssc('2-borrow', 2, 'start', 'What practice from another team would you like us to try?'),
    ssc('3-frustrates', 3, 'stop', 'What do we keep doing that quietly frustrates you?'),
    ssc('3-pressure', 3, 'continue', 'What would you like us to keep doing even when we are under pressure?'),
    ssc('4-speak', 4, 'start', 'What should we start doing so that everyone feels able to speak up?'),
    ssc('4-cost', 4, 'stop', 'What should we stop doing that costs someone here more than we see?'),
  ],
};

const fl = p('4l');
export const FOUR_LS: Deck = {
  id: 'four-ls',
  name: '4Ls',
  description: 'Liked, Learned, Lacked, Longed for, from the easy ones to what people long for.',
  source: 'builtin',
  columns: ['Liked', 'Learned', 'Lacked', 'Longed for'],
  prompts: [
    fl('1-liked', 1, 'liked', 'Something you liked about this sprint.'),
    fl('1-learned', 1, 'learned', 'One thing you learned this sprint.'),
    fl('2-lacked', 2, 'lacked', 'What did we lack that would have made this sprint easier?'),
    fl('2-together', 2, 'learned', 'What did you learn about how we work together?'),
    fl('3-longed', 3, 'longed-for', 'What did you long for this sprint that never came?'),
    fl('3-alone', 3, 'lacked', 'What was missing that left you feeling exposed or on your own?'),
    fl('4-unsaid', 4, 'longed-for', 'What do you long for in this team that you have not said out loud?'),
    fl('4-yourself', 4, 'learned', 'What have you learned about yourself in this team lately?'),
  ],
};

const msg = p('msg');
export const MAD_SAD_GLAD: Deck = {
  id: 'mad-sad-glad',
  name: 'Mad / Sad / Glad',
  description: 'Feelings about the sprint, starting with what went well.',
  source: 'builtin',
  columns: ['Mad', 'Sad', 'Glad'],
  prompts: [
    msg('1-glad', 1, 'glad', 'What made you glad this sprint?'),
    msg('1-win', 1, 'glad', 'A small win that made you smile.'),
    msg('2-sad', 2, 'sad', 'What left you a bit disappointed?'),
    msg('2-annoyed', 2, 'mad', 'What annoyed you about the work itself?'),
    msg('3-mad', 3, 'mad', 'What made you mad, and what was underneath it?'),
    msg('3-lost', 3, 'sad', 'What are you sad we lost, or never got to?'),
    msg('4-glad', 4, 'glad', 'What would need to change for you to be glad to come to work here?'),
    msg('4-kept', 4, 'sad', 'What feeling about this team have you kept to yourself?'),
  ],
};

const sb = p('sail');
export const SAILBOAT: Deck = {
  id: 'sailboat',
  name: 'Sailboat',
  description: 'Wind, anchors, rocks and the island we sail to, from the team view to the personal one.',
  source: 'builtin',
  columns: ['Wind', 'Anchors', 'Rocks', 'Island'],
  prompts: [
    sb('1-island', 1, 'island', 'What is our island: where are we heading?'),
    sb('1-wind', 1, 'wind', 'What wind pushed us forward this sprint?'),
    sb('2-anchor', 2, 'anchors', 'Which anchor slowed us down?'),
    sb('2-rocks', 2, 'rocks', 'Which rocks do you see ahead?'),
    sb('3-weighs', 3, 'anchors', 'Which anchor weighs on you personally?'),
    sb('3-worry', 3, 'rocks', 'Which rock worries you most, and why?'),
    sb('4-crew', 4, 'island', 'What would you need from this crew to sail toward the island with confidence?'),
    sb('4-holding', 4, 'anchors', 'What are you holding on to that might be an anchor for the team?'),
  ],
};
