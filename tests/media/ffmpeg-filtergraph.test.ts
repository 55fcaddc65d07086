// Filtergraph escaping: any text reaches a filter verbatim (proved by ffmpeg itself reading it back), and
// the builders of pieces, decorations and renditions produce graphs ffmpeg accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chain, escapeFilterDescription, escapeOptionValue, filter, renderFilter, renderGraph } from '../../src/media/ffmpeg-filtergraph.js';
import { decorateVideo, enableExpression } from '../../src/media/ffmpeg-decorations.js';
import { syntheticGraphs } from '../../src/media/ffmpeg-synthetic.js';
import { channelLayoutOf, parseFrameRate, ticksOfFrames } from '../../src/media/ffmpeg-format.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';

const HOSTILE = "It's 50% off: [a,b;c] \\ back\\slash 'quoted' %{pts} \\n";

describe('filtergraph rendering', () => {
  it('escapes option values at both levels, as ffmpeg-filters(1) describes', () => {
    assert.equal(escapeOptionValue("a:b'c\\d"), "a\\:b\\'c\\\\d");
    assert.equal(escapeFilterDescription('x=[1],2;3'), 'x=\\[1\\]\\,2\\;3');
    assert.equal(renderFilter(filter('drawtext', { text: "a'b:c" })), "drawtext=text=a\\\\\\'b\\\\:c");
    assert.equal(renderFilter(filter('scale', { w: 640, h: 'trunc(ih/2)*2', skip: undefined })), 'scale=w=640:h=trunc(ih/2)*2');
  });

  it('prints numbers without float noise or exponents, and refuses non-finite ones', () => {
    assert.equal(renderFilter(filter('x', { a: 0.1 + 0.2, b: 1e-7, c: 3 })), 'x=a=0.3:b=0:c=3');
    assert.throws(() => renderFilter(filter('x', { a: Number.NaN })), /finite/);
  });

  it('refuses labels that would need escaping and chains without a filter', () => {
    assert.throws(() => renderGraph([chain(['in;put'], [filter('null')], ['out'])]), /plain name/);
    assert.throws(() => renderGraph([chain(['a'], [], ['b'])]), /no filter/);
  });

  it('hands hostile text to a filter verbatim: ffmpeg reads back exactly the string', async () => {
    // `metadata=print` echoes a tag's value; set it through the same escaping as drawtext's text.
    const graph = renderGraph([chain([], [
      filter('color', { s: '16x16', d: 0.04 }),
      filter('metadata', { mode: 'add', key: 'probe', value: HOSTILE }),
      filter('metadata', { mode: 'print', key: 'probe' }),
    ], [])]);
    const { stderr } = await execa('ffmpeg', ['-hide_banner', '-v', 'info', '-f', 'lavfi', '-i', graph, '-frames:v', '1', '-f', 'null', '-']);
    const printed = /probe=(.*)$/m.exec(stderr)?.[1];
    assert.equal(printed, HOSTILE);
  });
});

describe('decorations and synthetic sources', () => {
  it('turns windows into timeline expressions', () => {
    assert.equal(enableExpression({}), undefined);
    assert.equal(enableExpression({ fromSeconds: 1.5 }), 'gte(t,1.5)');
    assert.equal(enableExpression({ toSeconds: 2 }), 'between(t,0,2)');
    assert.equal(enableExpression({ fromSeconds: 0.25, toSeconds: 2.125 }), 'between(t,0.25,2.125)');
  });

  it('draws the VHS look first, then what the station puts over it, image inputs numbered from the given index', () => {
    const decorated = decorateVideo('v', [
      { kind: 'image', imagePath: '/logo.png', corner: 'bottom-left', opacity: 2, marginPx: 8 },
      { kind: 'vhs', noise: 10, chromaShiftPx: 0, blur: 0, scanlines: false },
    ], defaultOutputProfile, 3);
    const graph = renderGraph(decorated.chains);
    assert.deepEqual(decorated.imageInputs, ['/logo.png']);
    assert.ok(graph.indexOf('noise=') < graph.indexOf('overlay='), graph);
    assert.match(graph, /\[3:v\]format=pix_fmts=rgba,scale=w=min\(iw\\,160\):h=-1,colorchannelmixer=aa=1\[/);
    assert.match(graph, /overlay=x=8:y=main_h-overlay_h-8/);
  });

  it('makes every synthetic picture ffmpeg can render, with and without text', async () => {
    for (const picture of ['slate', 'color-bars', 'test-card', 'station-id'] as const) {
      for (const drawText of [true, false]) {
        const g = syntheticGraphs(picture, defaultOutputProfile, { text: HOSTILE, drawText });
        const run = await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', g.video, '-f', 'lavfi', '-i', g.audio, '-t', '0.1', '-f', 'null', '-'], { reject: false });
        assert.equal(run.exitCode, 0, `${picture} (text ${drawText}): ${run.stderr}`);
      }
    }
  });
});

describe('stream format arithmetic', () => {
  it('parses frame rates and refuses absurd ones', () => {
    assert.deepEqual(parseFrameRate('30000/1001'), { num: 30000, den: 1001 });
    assert.deepEqual(parseFrameRate('25'), { num: 25, den: 1 });
    for (const bad of ['0', '1/0', '-25', '25.5', '1000', 'abc', '30000/1001/2']) assert.throws(() => parseFrameRate(bad), /frame rate/);
  });

  it('places frames on the 90 kHz grid without accumulating rounding, for days', () => {
    const rate = parseFrameRate('24000/1001');
    // 3753.75 ticks a frame: each frame is rounded on its own, never the sum of rounded frames.
    for (const frames of [0, 1, 2, 3, 1000, 86_313, 2_589_408, 20_000_000]) {
      const ticks = ticksOfFrames(frames, rate);
      assert.equal(ticks, Math.round(frames * 3753.75));
      assert.ok(Math.abs(ticks - (frames * 90_000 * 1001) / 24000) <= 0.5);
    }
  });

  it('names channel layouts and refuses others', () => {
    assert.equal(channelLayoutOf(1), 'mono');
    assert.equal(channelLayoutOf(6), '5.1');
    assert.throws(() => channelLayoutOf(3), /audio channels/);
  });
});
