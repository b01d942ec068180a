import { useEffect, useState } from 'react';
import type { TimerState } from '../../../../shared/protocol';

/**
 * Sound the chime once when the running timer reaches 0:00, while `enabled`. Returns how many
 * times it has sounded on this screen (shown as `data-chimes`, so a test can see it).
 * The browser may keep audio muted until the page has been interacted with; a projector started
 * with `--autoplay-policy=no-user-gesture-required` (or clicked once) plays it.
 */
export function useChime(timer: TimerState | undefined, enabled: boolean, clockOffset: number): number {
  const [count, setCount] = useState(0);
  const endsAt = timer?.running ? timer.endsAt : null;
  useEffect(() => {
    if (!enabled || endsAt === null) return;
    const wait = endsAt - (Date.now() + clockOffset);
    // A timer already past zero when it reached this screen has chimed elsewhere, or long ago.
    if (wait < -1000) return;
    const id = setTimeout(() => {
      playChime();
      setCount((n) => n + 1);
    }, Math.max(0, wait));
    return () => clearTimeout(id);
  }, [enabled, endsAt, clockOffset]);
  return count;
}

let audio: AudioContext | null = null;

/** Two soft tones (Web Audio, no sound file to load). */
function playChime(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      const at = start + i * 0.35;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.65);
    }
  } catch {
    // No audio device or no Web Audio: the screen's 超過 still says it.
  }
}
