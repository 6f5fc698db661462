namespace Multiprocessing.Measurements;

/// <summary>A line that shows how far a measurement is, such as a notebook output that updates in place. Disposed when the measurement ends.</summary>
public interface IProgressDisplay : IDisposable
{
    /// <summary>Replaces the shown status with <paramref name="status"/>, such as "repeat 3 of 5: processes".</summary>
    void Update(string status);
}
