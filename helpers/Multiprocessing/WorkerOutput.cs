namespace Multiprocessing.Hosting;

/// <summary>Where the console output of pool workers and child processes goes in this process: to <see cref="FrontEnd.Current"/>.</summary>
internal static class WorkerOutput
{
    /// <summary>Hands one piece to the front end; output is never lost to a failing front end.</summary>
    internal static void Send(string text, bool isError, ExecutionContext? origin)
    {
        try
        {
            FrontEnd.Current.WriteWorkerOutput(text, isError, origin);
        }
        catch (Exception)
        {
            ConsoleFrontEnd.WriteToConsole(text, isError, origin);
        }
    }
}
