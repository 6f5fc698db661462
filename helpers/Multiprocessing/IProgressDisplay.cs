namespace Multiprocessing.Hosting;

/// <summary>
/// A line that shows how far a measurement is, such as a notebook output that updates in place. A front end makes one
/// with <see cref="IFrontEnd.StartProgress"/>; it is disposed when the measurement ends.
/// </summary>
public interface IProgressDisplay : IDisposable
{
    /// <summary>Replaces the shown status with <paramref name="status"/>, such as "repeat 3 of 5: processes".</summary>
    /// <param name="status">What the measurement is doing now, shown after its first status.</param>
    void Update(string status);
}
