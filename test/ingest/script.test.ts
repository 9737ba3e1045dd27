import { describe, it, expect } from 'vitest';
import { isForeignLatin, isForeignScript } from '../../src/core/ingest/script.js';
import { texts } from './helpers.js';

const PROSE = 'The committee met on Tuesday to discuss the budget.';

describe('foreign script lines', () => {
  it('drops a Chinese disclaimer under an English article', () => {
    const raw = `${PROSE}\n免责声明:投资有风险,本文并非投资建议,以上内容不应被视为任何金融产品的购买或出售要约。`;
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('keeps an English line quoting a few foreign characters, and keeps Chinese in a Chinese document', () => {
    expect(isForeignScript('The word 人工智能 simply means artificial intelligence in Chinese.', 'en')).toBe(false);
    expect(isForeignScript('本文并非投资建议。', 'zh')).toBe(false);
    expect(isForeignScript('Привет, как дела?', 'en')).toBe(true);
  });
});

describe('foreign language in the same script', () => {
  it('drops a German or French disclaimer paragraph in an English document', () => {
    const de = 'Die Inhalte dieser Seite wurden mit größter Sorgfalt erstellt, für die Richtigkeit wird jedoch keine Gewähr übernommen.';
    const fr = 'Les informations de cette page ne sont pas des conseils et ne doivent pas être utilisées pour une décision.';
    expect(texts(`${PROSE}\n\n${de}\n\n${fr}`)).toEqual([PROSE]);
  });
  it('keeps English prose with a few foreign words, and short names', () => {
    expect(isForeignLatin('The café on the Champs-Élysées served a croissant that was, frankly, the best of the trip.', 'en')).toBe(false);
    expect(isForeignLatin('Jean de la Fontaine', 'en')).toBe(false);
  });
});
