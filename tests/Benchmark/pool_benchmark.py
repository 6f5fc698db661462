"""Measures Python's multiprocessing.Pool the way tests/Benchmark measures ProcessPool.

Run by the C# benchmark; prints one JSON object per line, one per start method, on stdout.
Progress goes to stderr. Every figure is the median of --repeats runs after one warm-up run.
"""
import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import time

WORKERS = 2


def square(x):
    return x * x


def spin(n):
    """CPU-bound work: a Lehmer random-number recurrence. Workloads.Spin in C# is the same loop."""
    x = 1
    total = 0
    for _ in range(n):
        x = x * 48271 % 2147483647
        total += x & 255
    return total


def elapsed_ms(start):
    return (time.perf_counter() - start) * 1000


def repeat(times, measure):
    """Runs measure() once to warm up, then `times` more; returns the median."""
    measure()
    return statistics.median(measure() for _ in range(times))


def calibrate(target_ms):
    """Iterations of spin() that take about target_ms in this process."""
    probe = 200_000
    spin(probe)
    start = time.perf_counter()
    spin(probe)
    return max(1, round(probe * target_ms / elapsed_ms(start)))


def ready_ms(context):
    start = time.perf_counter()
    pool = context.Pool(WORKERS)
    pool.apply(square, (1,))
    took = elapsed_ms(start)
    pool.terminate()
    pool.join()
    return took


def roundtrip_ms(pool, count):
    for _ in range(count // 10):  # warm-up
        pool.apply_async(square, (1,)).get()
    samples = []
    for i in range(count):
        start = time.perf_counter()
        pool.apply_async(square, (i,)).get()
        samples.append(elapsed_ms(start))
    return statistics.median(samples)


def map_ms(pool, count, chunksize=None):
    start = time.perf_counter()
    results = pool.map(square, range(count), chunksize)
    took = elapsed_ms(start)
    if results[-1] != (count - 1) ** 2:
        raise RuntimeError("map returned a wrong result")
    return took


def cpu(pool, tasks, iterations, repeats):
    """Median sequential time, parallel time and per-run speedup; runs interleave so drift hits both alike."""
    sequential, parallel, speedups = [], [], []
    for run in range(repeats + 1):
        start = time.perf_counter()
        expected = [spin(iterations) for _ in range(tasks)]
        seq = elapsed_ms(start)
        start = time.perf_counter()
        if pool.map(spin, [iterations] * tasks) != expected:
            raise RuntimeError("spin returned a wrong result")
        par = elapsed_ms(start)
        if run > 0:  # run 0 warms up
            sequential.append(seq)
            parallel.append(par)
            speedups.append(seq / par)
    return statistics.median(sequential), statistics.median(parallel), statistics.median(speedups)


def measure(method, args, iterations):
    context = multiprocessing.get_context(method)
    log = lambda figure: print(f"  python {method}: {figure}", file=sys.stderr, flush=True)
    log("ready")
    ready = repeat(args.repeats, lambda: ready_ms(context))
    with context.Pool(WORKERS) as pool:
        pool.apply(square, (1,))
        log("roundtrip")
        roundtrip = roundtrip_ms(pool, args.roundtrips)
        log("map100k")
        map100k = repeat(args.repeats, lambda: map_ms(pool, 100_000))
        log("map10k_chunk1")
        map10k = repeat(args.repeats, lambda: map_ms(pool, 10_000, 1))
        log("cpu_speedup")
        seq, par, speedup = cpu(pool, args.cpu_tasks, iterations, args.repeats)
        pool.terminate()
        pool.join()  # leaving `with` terminates but does not wait; no worker may outlive its measurement
    return {
        "method": method,
        "python_version": platform.python_version(),
        "figures": {
            "ready_ms": ready,
            "roundtrip_ms": roundtrip,
            "map100k_ms": map100k,
            "map10k_chunk1_ms": map10k,
            "cpu_sequential_ms": seq,
            "cpu_parallel_ms": par,
            "cpu_speedup": speedup,
            "cpu_iterations": iterations,
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--methods", default="spawn,fork")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--roundtrips", type=int, default=500)
    parser.add_argument("--cpu-tasks", type=int, default=8)
    parser.add_argument("--cpu-task-ms", type=float, default=150)
    args = parser.parse_args()
    iterations = calibrate(args.cpu_task_ms)  # once, so both start methods run the same work
    for method in args.methods.split(","):
        print(json.dumps(measure(method, args, iterations)), flush=True)


if __name__ == "__main__":
    main()
