import { DEMO_MUNICIPALITIES } from '@hub/kit';
import { demoBoxes, isBoxId } from './index';

describe('demoBoxes', () => {
  it('has a valid box for each of the 33 demo municipalities plus citizens and authorities, ids unique', () => {
    const boxes = demoBoxes();
    expect(DEMO_MUNICIPALITIES).toHaveLength(33);
    for (const m of DEMO_MUNICIPALITIES) {
      expect(boxes.find((b) => b.id === m.dataBoxId)).toMatchObject({ type: 'OVM', hostedEsslCertificate: true });
    }
    expect(boxes.filter((b) => b.type === 'FO').length).toBeGreaterThanOrEqual(3);
    expect(boxes.every((b) => isBoxId(b.id) && b.name.length <= 100 && (b.address ?? '').length <= 100)).toBe(true);
    expect(new Set(boxes.map((b) => b.id)).size).toBe(boxes.length);
  });
});
