namespace Multiprocessing.Tests;

/// <summary>
/// A program that returns from Main while background threads still use its queues and shared arrays ends as a program
/// does, with exit code 0 and nothing on stderr: the exit handlers let go of files and records, but unmap no memory a
/// thread may still be reading (the system unmaps it when the process ends).
/// </summary>
public class ExitWhileInUseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AProgramWhoseThreadsStillUseAQueueAndAnArrayAtExitEndsCleanly(int run)
    {
        if (OperatingSystem.IsWindows())
            return;
        using var program = ContainerRun.Here("exit");
        Assert.Equal("exiting", program.NextLine());
        int exitCode = program.Finish();
        Assert.True(exitCode == 0, $"run {run}: exit code {exitCode}; stderr:\n{program.Errors}");
        Assert.Equal("", program.Errors);
    }
}
