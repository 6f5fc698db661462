using Multiprocessing.Wire;

namespace Multiprocessing.Child;

/// <summary>
/// The frames a worker has received and not yet taken, in order. The input thread adds them; the main thread takes them
/// one at a time. A call still waiting here has not started, so the input thread can take it back for the parent while
/// the main thread is busy with the task before it.
/// </summary>
internal sealed class Inbox
{
    // How often to spin before sleeping, as BlockingCollection's SemaphoreSlim does: a call that comes back-to-back
    // with the last result arrives within microseconds, and a sleep and wake-up would cost more than the task.
    const int SpinsBeforeWait = 35;

    readonly LinkedList<Frame> _frames = new();
    int _count; // _frames.Count, readable without the lock while spinning
    bool _ended;

    public void Add(Frame frame)
    {
        lock (_frames)
        {
            _frames.AddLast(frame);
            Volatile.Write(ref _count, _frames.Count);
            Monitor.Pulse(_frames);
        }
    }

    /// <summary>No more frames will come.</summary>
    public void End()
    {
        lock (_frames)
        {
            _ended = true;
            Monitor.PulseAll(_frames);
        }
    }

    /// <summary>The next frame, or null once the input has ended and all were taken.</summary>
    public Frame? Take()
    {
        var spin = new SpinWait();
        for (int i = 0; i < SpinsBeforeWait && Volatile.Read(ref _count) == 0 && !Volatile.Read(ref _ended); i++)
            spin.SpinOnce(sleep1Threshold: -1);
        lock (_frames)
        {
            while (_frames.Count == 0)
            {
                if (_ended)
                    return null;
                Monitor.Wait(_frames);
            }
            var frame = _frames.First!.Value;
            _frames.RemoveFirst();
            Volatile.Write(ref _count, _frames.Count);
            return frame;
        }
    }

    /// <summary>Removes the call with task id <paramref name="id"/> if it has not been taken; false when it has (it runs, or ran).</summary>
    public bool TryRevoke(long id)
    {
        lock (_frames)
        {
            for (var node = _frames.First; node is not null; node = node.Next)
                if (node.Value.Kind == MessageKind.Call && CallMessage.ReadId(node.Value.Payload) == id)
                {
                    _frames.Remove(node);
                    Volatile.Write(ref _count, _frames.Count);
                    return true;
                }
            return false;
        }
    }
}
