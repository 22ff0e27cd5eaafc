/**
 * Owns: the optional sound and vibration when a new cue arrives on a learner's device. Off by default; the learner
 * turns it on (the choice is remembered on this device in localStorage). The beep is generated with WebAudio (no
 * audio file); vibration only where the browser offers it (most phones, not iOS). Browsers allow sound only after
 * the page has had a user gesture: the toggle itself is one, so turning it on also unlocks the audio.
 */
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'workshop-kit:cue-sound';
const listeners = new Set<() => void>();
let audio: AudioContext | null = null;

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function useCueSound(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => false,
  );
  const set = useCallback((value: boolean) => {
    try {
      localStorage.setItem(KEY, value ? 'on' : 'off');
    } catch {
      // storage refused (private mode): the choice lasts this page only
    }
    if (value) unlockAudio();
    listeners.forEach((l) => l());
  }, []);
  return [on, set];
}

function unlockAudio(): void {
  const Ctor = typeof window !== 'undefined' ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext) : undefined;
  if (!Ctor) return;
  audio ??= new Ctor();
  void audio.resume().catch(() => undefined);
}

/** One short cue, if the learner asked for it; `urgent` (eyes on the front) is a double beep and a longer buzz. */
export function playCue(urgent = false): void {
  if (!read()) return;
  try {
    navigator.vibrate?.(urgent ? [200, 100, 200] : 120);
  } catch {
    // not allowed here
  }
  unlockAudio();
  if (!audio) return;
  const beeps = urgent ? [0, 0.25] : [0];
  for (const start of beeps) {
    const t = audio.currentTime + start;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.2);
  }
}
