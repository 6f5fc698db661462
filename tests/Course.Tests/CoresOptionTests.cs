using Course.Commands;

namespace Course.Tests;

/// <summary><c>run --cores N</c> refuses a count it cannot pin to, with a sentence naming the range, before any kernel starts.</summary>
public class CoresOptionTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("100000")]
    public void ABadCoreCountIsAClearErrorBeforeAnyKernelStarts(string cores)
    {
        var parsed = RunCommand.Create().Parse([Samples.Path("failing-cell.ipynb"), "--cores", cores]);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal($"--cores takes a whole number of cores from 1 to {CorePinning.AllowedCores().Count} (the cores this machine lets the course use), such as --cores 1; '{cores}' is not one.", error.Message);
    }

    [Fact]
    public void EveryCoreThisProcessMayUseCanBeAsked()
    {
        var allowed = CorePinning.AllowedCores();
        Assert.NotEmpty(allowed);
        Assert.Empty(RunCommand.Create().Parse([Samples.Path("failing-cell.ipynb"), "--cores", allowed.Count.ToString()]).Errors);
    }
}
