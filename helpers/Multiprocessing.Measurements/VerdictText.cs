using System.Globalization;
using System.Text;

namespace Multiprocessing.Measurements;

/// <summary>
/// Words <see cref="Comparison.Verdict"/>: what was measured, held to the spread of the runs, and a cause only where the
/// numbers carry one. A mode that falls short of the ideal lost time in one of two ways, and the CPU times tell which:
/// <c>ideal / speedup = (ideal × loop's cores busy / mode's cores busy) × (mode's CPU time / loop's CPU time)</c>.
/// The first factor is time its workers were not running (waiting for a core or for work); the second is extra work
/// the loop did not do (starting workers, copying data). A cause is named when one factor is clearly the larger.
/// </summary>
internal static class VerdictText
{
    /// <summary>A shortfall smaller than this factor is within what noise and rounding explain: no cause is named.</summary>
    const double ClearLoss = 1.15;

    public static string For(Comparison comparison, RunMode mode)
    {
        var timing = comparison.Timing(mode);
        bool clear = comparison.ClearlyFaster(mode) || comparison.ClearlySlower(mode);
        var text = new StringBuilder($"{mode.Name()}: {comparison.Faster(mode)} than the loop");
        text.Append(clear ? "." : ", but within the spread of the runs: no clear difference; run the cell again.");
        var facts = new List<string>();
        if (comparison.Ideal is { } ideal)
            facts.Add($"Ideal {ideal} ({ideal.Reason})");
        if (timing.CoresUsed is { } cores)
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"it kept {cores:0.0} cores busy on average") + (clear ? Cause(comparison, mode) : ""));
        if (facts.Count > 0)
            text.Append(' ').Append(Capitalized(string.Join("; ", facts))).Append('.');
        return text.ToString();
    }

    /// <summary>
    /// Why a clearly measured CPU-bound mode fell short of the ideal, from the loop's and the mode's CPU times; empty when
    /// it did not fall short beyond the spread, when either CPU time is not shown, or when neither factor stands out.
    /// </summary>
    static string Cause(Comparison comparison, RunMode mode)
    {
        if (comparison.Work != WorkKind.Cpu || comparison.Ideal is not { } ideal)
            return "";
        var loop = comparison.Timing(RunMode.Sequential);
        var timing = comparison.Timing(mode);
        if (loop.CoresUsed is not { } loopCores || timing.CoresUsed is not { } cores || loop.CpuPerRun is not { } loopCpu || timing.CpuPerRun is not { } cpu)
            return "";
        // Short of the ideal even comparing the mode's fastest run with the loop's slowest: the spread cannot explain it.
        bool fellShort = comparison.Speedup(mode) < ideal.Speedup / ClearLoss && timing.Min > loop.Max / ideal.Speedup;
        if (!fellShort || cores <= 0 || loopCpu <= TimeSpan.Zero)
            return "";
        double waiting = ideal.Speedup * loopCores / cores;
        double extraWork = cpu / loopCpu;
        if (waiting >= ClearLoss && waiting >= extraWork)
            return string.Create(CultureInfo.InvariantCulture,
                $", fewer than the {ideal.Speedup:0.##} it could: part of the time its {Runners(mode)} were not running (waiting for a core that another program held, or for work)");
        if (extraWork >= ClearLoss)
            return string.Create(CultureInfo.InvariantCulture,
                $", and used {extraWork:0.0}× the loop's CPU time: the time it lost went to {ExtraWork(comparison, mode)}, not to a lack of cores");
        return "";
    }

    static string Runners(RunMode mode) => mode switch
    {
        RunMode.Threads => "threads",
        RunMode.Cluster => "silos",
        _ => "worker processes",
    };

    /// <summary>What a mode does that the loop does not: threads copy nothing, processes copy, a cluster ships over the network.</summary>
    static string ExtraWork(Comparison comparison, RunMode mode) => mode switch
    {
        RunMode.Threads => comparison.IncludesStartUp
            ? "starting threads and handing them items, or cores that run slower when all are busy"
            : "handing items to threads, or cores that run slower when all are busy",
        RunMode.Processes => comparison.IncludesStartUp
            ? "starting worker processes and copying data to and from them"
            : "copying data to and from the worker processes",
        RunMode.ProcessPerTask => "starting a process for every item and copying data to it",
        RunMode.Cluster => "shipping data over the network to the silos and back",
        _ => "work the loop does not do",
    };

    static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
