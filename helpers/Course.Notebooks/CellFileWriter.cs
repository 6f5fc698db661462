using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Multiprocessing.Hosting;

namespace Course.Notebooks;

/// <summary>
/// Writes notebook cells to disk so child processes can load the functions defined in them. Each cell is
/// compiled in memory; its compilation is still reachable through <see cref="CSharpKernel.ScriptState"/>,
/// so we emit it again to a file, once per cell, along with the earlier cells it uses.
/// </summary>
internal sealed class CellFileWriter
{
    readonly CSharpKernel _kernel;
    readonly ConcurrentDictionary<string, string> _written = new();
    readonly object _gate = new();

    public CellFileWriter(CSharpKernel kernel) => _kernel = kernel;

    /// <summary>The files written so far, by cell assembly name.</summary>
    public IReadOnlyDictionary<string, string> Files => _written;

    /// <summary>The file holding the cell <paramref name="assembly"/>, written now if it is new; null when it is not a finished cell.</summary>
    public string? Locate(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        if (_written.TryGetValue(name, out var path))
            return path;
        lock (_gate)
        {
            var cells = FinishedCells();
            if (!cells.ContainsKey(name))
            {
                if (!IsCell(assembly))
                    return null;
                cells[name] = RunningCell(assembly);
            }
            return Write(name, cells);
        }
    }

    /// <summary>
    /// The cell that is running now (a lambda passed to a pool in the same cell) has no compilation yet,
    /// so we compile its code again on top of the finished cells, under the same assembly name.
    /// Same code and same predecessors give the same metadata; we check the types match before trusting it.
    /// </summary>
    Compilation RunningCell(Assembly assembly)
    {
        const string moveIt = "Move the function into a cell of its own above this one, run that cell, then run this one again.";
        if (KernelInvocationContext.Current?.Command is not SubmitCode { Code: var code } || _kernel.ScriptState?.Script is not { } previous)
            throw new InvalidOperationException($"This function is defined in the cell that is running now, which a child process cannot load. {moveIt}");
        // The kernel handles magic commands (#!time) itself; Roslyn sees the rest.
        var csharp = string.Join('\n', code.Split('\n').Select(line => line.TrimStart().StartsWith("#!") ? "" : line));
        // Roslyn numbers script classes from a counter that other compilations (completions) also advance,
        // so the running cell's class name is taken from the running assembly.
        var scriptClass = assembly.GetTypes().First(t => t.DeclaringType is null && t.Name.StartsWith("Submission#", StringComparison.Ordinal)).Name;
        var compilation = previous.ContinueWith(csharp, previous.Options).GetCompilation();
        compilation = compilation.WithAssemblyName(assembly.GetName().Name).WithOptions(compilation.Options.WithScriptClassName(scriptClass));
        var expected = assembly.GetTypes().Select(t => t.FullName).Order().ToList();
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success || !TypeNames(image).SequenceEqual(expected))
            throw new InvalidOperationException($"This function is defined in the cell that is running now, and that cell could not be rebuilt for a child process. {moveIt}");
        return compilation;
    }

    /// <summary>The full names of the types in an emitted image, as reflection writes them (Outer+Inner).</summary>
    static List<string?> TypeNames(MemoryStream image)
    {
        image.Position = 0;
        using var pe = new PEReader(image, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        string FullName(TypeDefinitionHandle handle)
        {
            var type = metadata.GetTypeDefinition(handle);
            var name = metadata.GetString(type.Name);
            if (type.GetDeclaringType() is { IsNil: false } outer)
                return FullName(outer) + "+" + name;
            var space = metadata.GetString(type.Namespace);
            return space.Length == 0 ? name : space + "." + name;
        }
        return metadata.TypeDefinitions.Select(FullName).Where(n => n != "<Module>").Order().ToList<string?>();
    }

    /// <summary>Every finished cell's compilation, by assembly name.</summary>
    Dictionary<string, Compilation> FinishedCells()
    {
        var cells = new Dictionary<string, Compilation>();
        for (var script = _kernel.ScriptState?.Script; script is not null; script = script.Previous)
        {
            var compilation = script.GetCompilation();
            cells.TryAdd(compilation.AssemblyName!, compilation);
        }
        return cells;
    }

    /// <summary>Emits the cell, then the earlier cells its file refers to, and offers each file to children.</summary>
    string Write(string name, Dictionary<string, Compilation> cells)
    {
        if (_written.TryGetValue(name, out var existing))
            return existing;
        using var image = new MemoryStream();
        var emitted = cells[name].Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException($"Could not write the cell {name} to disk for a child process: " +
                string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        // A file ProcessFiles holds for this kernel and deletes when it ends; a killed kernel's are deleted by the course
        // tool or the next process's sweep, once nothing holds them.
        var path = ProcessFiles.WriteTempFile("cell", ".dll", image.GetBuffer().AsSpan(0, (int)image.Length));
        _written[name] = path;
        AssemblyLocator.Offer(name, path);
        foreach (var reference in ReferencedNames(path))
            if (cells.ContainsKey(reference))
                Write(reference, cells);
        return path;
    }

    static IEnumerable<string> ReferencedNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }

    /// <summary>Roslyn names script submissions "ℛ*{guid}#{engine}-{n}".</summary>
    static bool IsCell(Assembly assembly) => assembly.GetName().Name!.StartsWith("ℛ*", StringComparison.Ordinal);
}
