namespace Multiprocessing.Hosting;

/// <summary>
/// Where the console output of pool workers and child processes goes in this process. By default each piece is written
/// to <see cref="Console.Out"/> (or <see cref="Console.Error"/> for the child's stderr) under the execution context of the
/// call that started the work, so a host that routes <see cref="Console"/> per context (a notebook kernel, per cell)
/// shows it where the work was asked for. A host whose contexts end (a notebook cell completes while its work runs on)
/// sets <see cref="Route"/> so that nothing written later is lost; the notebook glue does.
/// </summary>
public static class WorkerOutput
{
    /// <summary>
    /// Called on a reader thread with each piece of output, in the order the worker wrote it: the text (whole lines, with
    /// their line ends), true for the child's standard error, and the context of the call that started the work (null when
    /// unknown). An exception it throws is caught, and the text is written the default way instead.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when set to null; set <see cref="WriteToConsole"/> to go back to the default.</exception>
    public static Action<string, bool, ExecutionContext?> Route
    {
        get => _route;
        set => _route = value ?? throw new ArgumentNullException(nameof(value), "Route cannot be null. Set it to WorkerOutput.WriteToConsole for the default.");
    }
    static volatile Action<string, bool, ExecutionContext?> _route = WriteToConsole;

    /// <summary>The default <see cref="Route"/>: writes the text to <see cref="Console.Out"/> or <see cref="Console.Error"/> under <paramref name="origin"/>.</summary>
    public static void WriteToConsole(string text, bool isError, ExecutionContext? origin)
    {
        if (origin is null)
            Write((text, isError));
        else
            ExecutionContext.Run(origin, static state => Write(((string, bool))state!), (text, isError));

        // Console.Out and Console.Error are read inside the context, since a host may pick the writer by context.
        static void Write((string Text, bool Error) output) =>
            (output.Error ? Console.Error : Console.Out).Write(output.Text);
    }

    /// <summary>Hands one piece to <see cref="Route"/>; output is never lost to a failing route.</summary>
    internal static void Send(string text, bool isError, ExecutionContext? origin)
    {
        try
        {
            _route(text, isError, origin);
        }
        catch (Exception)
        {
            WriteToConsole(text, isError, origin);
        }
    }
}
