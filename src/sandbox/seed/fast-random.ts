/**
 * A small seeded PRNG (mulberry32) for bulk seed data: ids, addresses, timestamps. Faker stays for
 * realistic names; this keeps building thousands of records fast. Same seed, same sequence.
 */

const HEX = '0123456789abcdef';
const ALNUM_UPPER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM_MIXED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class FastRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both inclusive). */
  int({ min = 0, max }: { min?: number; max: number }): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool({ probability = 0.5 }: { probability?: number } = {}): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  weighted<T>(options: readonly { weight: number; value: T }[]): T {
    const total = options.reduce((sum, o) => sum + o.weight, 0);
    let roll = this.next() * total;
    for (const option of options) {
      roll -= option.weight;
      if (roll < 0) return option.value;
    }
    return options[options.length - 1]!.value;
  }

  /** Between min and max distinct elements, in their original order. */
  sample<T>(list: readonly T[], { min, max }: { min: number; max: number }): T[] {
    const count = Math.min(list.length, this.int({ min, max }));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((i) => list[i]!);
  }

  private chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  /** A 24-hex-digit id like JumpCloud's object ids. */
  objectId(): string {
    return this.hex(24);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int({ max: 3 })]}${h.slice(17, 20)}-${h.slice(20)}`;
  }

  alnum({ length, casing = 'upper' }: { length: number; casing?: 'upper' | 'mixed' }): string {
    return this.chars(casing === 'upper' ? ALNUM_UPPER : ALNUM_MIXED, length);
  }

  ipv4({ network }: { network?: 'private-c' } = {}): string {
    if (network === 'private-c')
      return `192.168.${this.int({ max: 255 })}.${this.int({ min: 2, max: 254 })}`;
    return `${this.int({ min: 11, max: 223 })}.${this.int({ max: 255 })}.${this.int({ max: 255 })}.${this.int({ min: 1, max: 254 })}`;
  }

  mac(): string {
    return Array.from({ length: 6 }, () => this.hex(2)).join(':');
  }

  phone(): string {
    return `+1 ${this.int({ min: 201, max: 989 })}-555-${String(this.int({ max: 9999 })).padStart(4, '0')}`;
  }
}
