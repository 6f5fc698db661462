using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Multiprocessing.Measurements;

/// <summary>
/// Brings a function to its optimized code in this process before it is timed. .NET first compiles a method quickly and
/// without optimizations (tier 0), and recompiles it optimized (tier 1) in the background once it has been called 30 times
/// after 100 ms without new compilation; until then a timed run would measure the slow code. So a cheap function is called,
/// untimed, until the runtime reports its tier-1 code (its JIT events, read in-process with an <see cref="EventListener"/>)
/// or a second has passed. Nothing is waited for when the method is marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/> (optimized from its first call), when its assembly was built with
/// the JIT's optimizer off (a Debug build never gets tier 1), or when one call takes 10 ms or more: such a function spends
/// its time in loops, which the runtime optimizes while they run (on-stack replacement), or in callees called often enough
/// to be optimized during that call. Each method is warmed once per process. Worker processes start cold: this does not reach them.
/// </summary>
internal static class JitWarmup
{
    /// <summary>The longest a function is called, untimed, waiting for its optimized code.</summary>
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>A call this long spends its time in loops or busy callees, which the runtime optimizes during the call.</summary>
    static readonly TimeSpan HeavyCall = TimeSpan.FromMilliseconds(10);

    static readonly ConcurrentDictionary<MethodInfo, bool> Warmed = new();

    /// <summary>
    /// Calls <paramref name="function"/> on <paramref name="items"/> in turn, untimed, until its tier-1 code is reported or
    /// the budget is spent; true when it is known to run optimized code (or nothing better is to be had).
    /// </summary>
    public static bool ToOptimized<T, TResult>(Func<T, TResult> function, IReadOnlyList<T> items)
    {
        var method = function.Method;
        if (Warmed.TryGetValue(method, out bool optimized))
            return optimized;
        optimized = Warm(function, method, items);
        Warmed[method] = optimized;
        return optimized;
    }

    static bool Warm<T, TResult>(Func<T, TResult> function, MethodInfo method, IReadOnlyList<T> items)
    {
        if (method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
            return true;
        if (method.Module.Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            return false;
        using var listener = new TierListener((ulong)method.MethodHandle.Value);
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(function(items[0]));
        if (clock.Elapsed >= HeavyCall)
            return true;
        for (int call = 1; !listener.Optimized.IsSet && clock.Elapsed < Budget; call++)
            GC.KeepAlive(function(items[call % items.Count]));
        return listener.Optimized.IsSet;
    }

    /// <summary>Watches the runtime's JIT events for one method being compiled optimized (tier 1, or fully optimized).</summary>
    sealed class TierListener(ulong method) : EventListener
    {
        const EventKeywords JitKeyword = (EventKeywords)0x10;
        // MethodFlags carries the optimization tier in bits 7 to 9: 2 = optimized, 4 = tier 1 (the runtime's ETW manifest).
        const int TierShift = 7;
        const uint TierMask = 0x7;

        // Initializers run before the base constructor, which may already enable events and deliver some.
        readonly ulong _method = method;

        public ManualResetEventSlim Optimized { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || e.PayloadNames is not { } names || e.Payload is not { } payload)
                return;
            int id = names.IndexOf("MethodID"), flags = names.IndexOf("MethodFlags");
            if (id < 0 || flags < 0 || Convert.ToUInt64(payload[id]) != _method)
                return;
            uint tier = (Convert.ToUInt32(payload[flags]) >> TierShift) & TierMask;
            if (tier is 2 or 4)
                Optimized.Set();
        }
    }
}
