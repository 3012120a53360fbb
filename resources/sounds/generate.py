"""Writes the scan feedback sounds (16-bit mono WAV) with the standard library only, so
they can be re-made or retuned without any audio tool:  python resources/sounds/generate.py

Each outcome has its own shape, recognisable without looking at the screen:
accepted: one short high beep; duplicate: two quick mid beeps; expired: a falling tone;
error (unreadable / refused): a low buzz."""

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(start_hz: float, end_hz: float, seconds: float, *, square: bool = False, volume: float = 0.5) -> list[float]:
    samples, phase = [], 0.0
    count = int(RATE * seconds)
    for i in range(count):
        hz = start_hz + (end_hz - start_hz) * i / count
        phase += 2 * math.pi * hz / RATE
        value = math.sin(phase)
        if square:
            value = 0.6 if value >= 0 else -0.6
        # 5 ms fade in and out: no clicks at the edges
        edge = min(i, count - i) / (RATE * 0.005)
        samples.append(volume * value * min(1.0, edge))
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


SOUNDS = {
    "accepted": tone(1760, 1760, 0.09),
    "duplicate": tone(880, 880, 0.07) + silence(0.06) + tone(880, 880, 0.07),
    "expired": tone(660, 330, 0.35),
    "error": tone(180, 160, 0.3, square=True, volume=0.35),
}


def write(name: str, samples: list[float]) -> None:
    with wave.open(str(HERE / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


if __name__ == "__main__":
    for sound_name, sound_samples in SOUNDS.items():
        write(sound_name, sound_samples)
