using Multiprocessing.Platform;

namespace Multiprocessing.Sync;

/// <summary>
/// The processes that have a queue, a pipe end or a barrier open, in shared memory: one entry per process (known by its
/// <see cref="ProcessIdentity"/> token, which means the same in every PID namespace, unlike its pid), with how many
/// handles it has open, how many it has sent to processes that have not opened them yet (they count as open, so a parent
/// may close its copy right after starting a child), what it has done (<see cref="Roles"/>), and a counter its owner
/// gives a meaning to (a joinable queue's items taken but not yet marked done).
/// A process that ends without closing its handles (killed, or crashed) leaves its entry: that is how the others learn
/// it died. Guarded by its own <see cref="ProcessMutex"/>, which is only held for a scan.
/// </summary>
internal readonly unsafe struct ProcessTable
{
    /// <summary>How many processes may have one object open at once.</summary>
    public const int Capacity = 128;

    const int HeaderSize = 64;
    const int EntrySize = 32;

    /// <summary>Bytes the table takes.</summary>
    public const int Size = HeaderSize + Capacity * EntrySize;

    readonly byte* _at;

    public ProcessTable(byte* at) => _at = at;

    ProcessMutex Lock => new(_at);

    /// <summary>Handles open, plus handles on their way to a process, over every entry: a check that needs no liveness test.</summary>
    int* OpenTotal => (int*)(_at + 16);

    Entry* Entries => (Entry*)(_at + HeaderSize);

    /// <summary>Open handles and handles in transit, counted without asking whether their processes still run.</summary>
    public int CountedOpen => Volatile.Read(ref *OpenTotal);

    /// <summary>One process's entry.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = EntrySize)]
    internal struct Entry
    {
        public int Token;
        public int Opens;
        public int Transit;
        public int Roles;
        public int Pending;

        /// <summary>The process's pid in its own PID namespace, for messages only.</summary>
        public int Pid;
    }

    /// <summary>Records that this process opened one more handle; <paramref name="transitFrom"/> is the token of the process that sent it, whose transit count it settles.</summary>
    /// <returns>This process's entry, for <see cref="Close"/> and <see cref="AddRole"/>.</returns>
    /// <exception cref="InvalidOperationException">Throws when <see cref="Capacity"/> running processes already have it open.</exception>
    public int Open(string what, int transitFrom = 0)
    {
        using var _ = Hold();
        // This open counts before the transit it settles goes: the total, read without the lock, never passes through 0.
        int index = FindOrAdd(what);
        Entries[index].Opens++;
        Interlocked.Increment(ref *OpenTotal);
        if (transitFrom != 0 && Find(transitFrom) is int sender && Entries[sender].Transit > 0)
        {
            Entries[sender].Transit--;
            Interlocked.Decrement(ref *OpenTotal);
            FreeIfUnused(sender);
        }
        return index;
    }

    /// <summary>Records a handle this process is sending to another process, which counts as open until that process opens it (or this one dies).</summary>
    public void AddTransit(string what)
    {
        using var _ = Hold();
        Entries[FindOrAdd(what)].Transit++;
        Interlocked.Increment(ref *OpenTotal);
    }

    /// <summary>Records that this process closed one handle.</summary>
    public void Close(int index)
    {
        using var _ = Hold();
        if (Entries[index].Token != ProcessIdentity.Token || Entries[index].Opens == 0)
            return; // reaped meanwhile: another process took this one for dead
        Entries[index].Opens--;
        Interlocked.Decrement(ref *OpenTotal);
        FreeIfUnused(index);
    }

    /// <summary>Marks what this process has done with the object (a <see cref="Roles"/> bit).</summary>
    public void AddRole(int index, int role) => Interlocked.Or(ref Entries[index].Roles, role);

    /// <summary>Adds <paramref name="delta"/> to this process's counter.</summary>
    public void AddPending(int index, int delta) => Interlocked.Add(ref Entries[index].Pending, delta);

    /// <summary>Takes one from this process's counter if it is above 0; false when it is 0.</summary>
    public bool TryTakePending(int index)
    {
        ref int pending = ref Entries[index].Pending;
        for (int now = Volatile.Read(ref pending); now > 0; now = Volatile.Read(ref pending))
            if (Interlocked.CompareExchange(ref pending, now - 1, now) == now)
                return true;
        return false;
    }

    /// <summary>
    /// Looks at every entry: counts those whose processes run, and finds one whose process ended without closing.
    /// <paramref name="reapDead"/> removes the dead entries too, as the kernel closes a dead process's pipes.
    /// </summary>
    /// <param name="role">Only entries with this role bit; 0 for all.</param>
    /// <param name="reapDead">Whether to remove the entries of dead processes.</param>
    /// <param name="countUndecided">
    /// Whether running processes that have neither put nor taken yet count as live too (a child that just opened a queue
    /// may be about to take from it), except the creator's: a parent that only hands the queue to its children is neither.
    /// </param>
    public Census Count(int role, bool reapDead, bool countUndecided = false)
    {
        using var _ = Hold();
        return CountHeld(role, reapDead, countUndecided);
    }

    Census CountHeld(int role, bool reapDead, bool countUndecided = false)
    {
        var census = new Census();
        for (int i = 0; i < Capacity; i++)
        {
            ref var entry = ref Entries[i];
            if (entry.Token == 0)
                continue;
            bool hasRole = role == 0 || (entry.Roles & role) != 0;
            // A handle on its way to a process counts as that process, which has done nothing yet.
            bool undecided = countUndecided && ((entry.Roles & (Roles.Puts | Roles.Gets | Roles.Creator)) == 0 || entry.Transit > 0);
            if (!hasRole && !undecided)
                continue;
            if (ProcessIdentity.IsAlive(entry.Token))
            {
                census.Live++;
                continue;
            }
            if (!hasRole)
                continue;
            census.DeadPid = entry.Pid;
            if (reapDead)
                Remove(i);
        }
        return census;
    }

    /// <summary>Entries with a counter above 0 whose process closed every handle or died: joinable-queue items that will never be marked done.</summary>
    public (int Pid, int Pending) FindStrandedPending()
    {
        using var _ = Hold();
        for (int i = 0; i < Capacity; i++)
        {
            ref var entry = ref Entries[i];
            if (entry.Token != 0 && entry.Pending > 0 && (entry.Opens == 0 || !ProcessIdentity.IsAlive(entry.Token)))
                return (entry.Pid, entry.Pending);
        }
        return (0, 0);
    }

    /// <summary>Removes the entries of processes that are gone, as a barrier's <c>reset()</c> starts afresh.</summary>
    public void ReapDead() => Count(0, reapDead: true);

    /// <summary>Bits for <see cref="Entry.Roles"/>.</summary>
    public static class Roles
    {
        public const int Puts = 1;
        public const int Gets = 2;

        /// <summary>The process that made the object.</summary>
        public const int Creator = 4;
    }

    /// <summary>What <see cref="Count"/> found.</summary>
    public struct Census
    {
        /// <summary>Entries whose processes run (this one included).</summary>
        public int Live;

        /// <summary>The pid of a process that ended with the object open, or 0.</summary>
        public int DeadPid;
    }

    int? Find(int token)
    {
        for (int i = 0; i < Capacity; i++)
            if (Entries[i].Token == token)
                return i;
        return null;
    }

    int FindOrAdd(string what)
    {
        int me = ProcessIdentity.Token;
        if (Find(me) is int mine)
            return mine;
        if (Find(0) is not int free)
        {
            CountHeld(0, reapDead: true);
            free = Find(0) ?? throw new InvalidOperationException(
                $"{Capacity} running processes have this {what} open already, the most it can track. Close it in processes that are done with it.");
        }
        Entries[free] = new Entry { Token = me, Pid = Environment.ProcessId };
        return free;
    }

    void FreeIfUnused(int index)
    {
        if (Entries[index].Opens == 0 && Entries[index].Transit == 0 && Entries[index].Pending == 0)
            Entries[index] = default;
    }

    void Remove(int index)
    {
        Interlocked.Add(ref *OpenTotal, -(Entries[index].Opens + Entries[index].Transit));
        Entries[index] = default;
    }

    Holder Hold() => new(Lock);

    /// <summary>Holds the table's lock; a holder that died is simply taken over: every change to an entry is one field.</summary>
    readonly ref struct Holder
    {
        readonly ProcessMutex _lock;

        public Holder(ProcessMutex mutex)
        {
            _lock = mutex;
            mutex.Acquire(Deadline.Never, out _);
        }

        public void Dispose() => _lock.Release();
    }
}
