using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Multiprocessing.Memory;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing.Child;

/// <summary>
/// The program every child process runs. It reads tasks from the pipe its parent made for it, runs them, and writes
/// results and console lines as frames to the pipe back (<see cref="ParentPipes"/>). Its stdin is empty, so user code
/// that reads it gets end of input. It exits when its input ends without a Stop, which means the parent died.
/// </summary>
internal static class WorkerHost
{
    static readonly Inbox Inbox = new();
    static readonly Dictionary<int, FunctionRunner> Functions = new();

    static int Main(string[] args)
    {
        StartupTrace.Mark("worker-main");
        // A string compare, not Enum.Parse, which costs a new process milliseconds.
        var mode = args[Array.IndexOf(args, "--mode") + 1] == nameof(WorkerMode.Child) ? WorkerMode.Child : WorkerMode.Pool;
        int parent = int.Parse(args[Array.IndexOf(args, "--parent") + 1]);
        DieWithParent(parent);

        var (fromParent, protocol) = ParentPipes.Open(args);
        Frame.Write(protocol, MessageKind.Started, []);
        try
        {
            ParentCulture.Apply(args);
        }
        catch (CultureNotFoundException e)
        {
            Console.Error.WriteLine($"The parent's culture cannot be made in this process: {e.Message}");
            return 1;
        }
        var forwarder = new ConsoleForwarder(protocol);
        Console.SetOut(forwarder);
        var input = new BufferedStream(fromParent, 1 << 16); // one read call takes several frames

        // Drain the parent's pipe from the start, so the parent's writes never block on a slow initializer.
        new Thread(() => ReadInput(input, protocol)) { IsBackground = true, Name = "worker input" }.Start();
        StartupTrace.Mark("worker-io-ready");
        if (Inbox.Take() is not { } first)
            return 1;
        StartupTrace.Mark("worker-setup-received");
        if (!RunSetup(first, protocol))
            return 1;
        StartupTrace.Mark("worker-ready-sent");

        while (Inbox.Take() is { } frame)
        {
            if (frame.Kind == MessageKind.Stop)
                break;
            bool ok = RunCall(frame.Payload, protocol, forwarder, mode);
            StartupTrace.Mark("worker-call-done");
            if (mode == WorkerMode.Child)
                return ok ? 0 : 1;
        }
        forwarder.Flush();
        return 0;
    }

    /// <summary>
    /// On Linux the kernel kills this process if the parent dies, even by SIGKILL. The parent starts it with the signal
    /// already set where it can (<see cref="ParentDeathSignal"/>); this sets it again for when it could not, and exits if
    /// the parent died before either took effect.
    /// </summary>
    static void DieWithParent(int parent)
    {
        if (!OperatingSystem.IsLinux())
            return;
        NativeMethods.prctl(NativeMethods.PR_SET_PDEATHSIG, NativeMethods.SIGKILL, 0, 0, 0);
        if (NativeMethods.getppid() != parent)
            Environment.Exit(1); // the parent died before prctl took effect
    }

    static bool RunSetup(Frame frame, Stream protocol)
    {
        if (frame.Kind != MessageKind.Setup)
            return false;
        try
        {
            var setup = SetupMessage.Read(frame.Payload);
            FunctionLoader.UseParentAssemblies(setup.Assemblies);
            if (setup.Initializer is { } initializer)
            {
                var (method, target) = FunctionLoader.Load(initializer);
                Invoke(method, target, []);
            }
        }
        catch (Exception e)
        {
            Console.Out.Flush();
            Frame.Write(protocol, MessageKind.SetupFailed, ErrorMessage.From(0, Unwrap(e)).Write());
            return false;
        }
        Frame.Write(protocol, MessageKind.Ready, []);
        return true;
    }

    /// <summary>
    /// Queues frames so the parent's writes never block, and exits when the parent is gone. A Revoke is answered here, at
    /// once: a call still queued has not started, so it is removed and the parent told (Revoked) while the main thread
    /// runs the task before it; a call already taken gets its result as usual.
    /// </summary>
    static void ReadInput(Stream input, Stream protocol)
    {
        bool stopped = false;
        try
        {
            while (Frame.Read(input) is { } frame)
            {
                stopped |= frame.Kind == MessageKind.Stop;
                if (frame.Kind == MessageKind.Revoke)
                {
                    if (Inbox.TryRevoke(BinaryPrimitives.ReadInt64LittleEndian(frame.Payload)))
                        Frame.Write(protocol, MessageKind.Revoked, frame.Payload);
                    continue;
                }
                Inbox.Add(frame);
            }
        }
        catch (IOException) { }
        if (!stopped)
            Environment.Exit(0);
        Inbox.End();
    }

    static bool RunCall(byte[] payload, Stream protocol, ConsoleForwarder forwarder, WorkerMode mode)
    {
        long id = 0;
        try
        {
            id = CallMessage.ReadId(payload);
            byte[] result;
            // Shared memory received for this task is unmapped before the parent hears the task is done.
            using (SharedMemoryScope.Begin())
            {
                var (buffer, results) = ResultMessage.Start(id);
                CallMessage.Read(payload, (int functionId, FunctionReference? definition, ref Utf8JsonReader items) =>
                {
                    if (definition is not null)
                        Functions[functionId] = LoadRunner(definition);
                    Functions[functionId].Run(ref items, results);
                });
                result = ResultMessage.Finish(buffer, results);
            }
            forwarder.Flush(); // output before the result, so the parent prints it first
            if (mode == WorkerMode.Pool)
                Frame.Write(protocol, MessageKind.Result, result);
            return true;
        }
        catch (Exception e)
        {
            e = Unwrap(e);
            forwarder.Flush();
            if (mode == WorkerMode.Child)
                Console.Error.WriteLine($"Process {Environment.ProcessId} failed:{Environment.NewLine}{ErrorMessage.From(id, e).Trace}");
            else
                Frame.Write(protocol, MessageKind.Error, ErrorMessage.From(id, e).Write());
            return false;
        }
    }

    /// <summary>The parent sends a definition once, so a function that fails to load keeps failing with its own error.</summary>
    static FunctionRunner LoadRunner(FunctionReference definition)
    {
        try
        {
            var (method, target) = FunctionLoader.Load(definition);
            return FunctionRunner.Create(method, target);
        }
        catch (Exception e)
        {
            return new FailingRunner(Unwrap(e));
        }
    }

    static object? Invoke(MethodInfo method, object? target, object?[] args) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);

    static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;
}
