using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Multiprocessing.Wire;
using Multiprocessing.Hosting;

namespace Multiprocessing.Cluster.Wire;

/// <summary>
/// What a silo needs to run a function, on this machine or another: the process pool's <see cref="FunctionReference"/>
/// (assembly, metadata token, generic arguments, captureless-lambda flag), and the images of the assemblies that exist
/// only here: the function's own assembly and the notebook cells it uses, as bytes, not paths.
/// Assemblies the function's assembly references (NuGet packages, the helpers) must be in the silo's folder, as with
/// any deployed program; the framework is the silo's own. As a convenience on one machine, the definition also names the
/// files of every assembly the client has loaded (<see cref="Hints"/>); a silo loads one of those only when it is needed,
/// is neither shipped nor in the silo's folder, and the file exists there.
/// </summary>
/// <param name="Function">The pool's reference; its path is replaced by the assembly's name and its dependency paths dropped.</param>
/// <param name="Assemblies">The function's assembly first, then the cells it may need.</param>
/// <param name="Hints">Paths of the client's loaded assemblies, by simple name: a last resort for a silo on the same machine.</param>
internal sealed record FunctionDefinition(FunctionReference Function, IReadOnlyList<ShippedAssembly> Assemblies, IReadOnlyDictionary<string, string> Hints)
{
    static readonly ConcurrentDictionary<MethodInfo, (string Key, byte[] Bytes)> Written = new();
    static readonly string FrameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>
    /// The definition of <paramref name="function"/>, written once per method, and its key (a SHA-256 of those bytes).
    /// Throws <see cref="ArgumentException"/>, naming the problem and the fix, for what a process pool also refuses:
    /// a lambda that captures variables, an instance method, an in-memory assembly with no locator.
    /// </summary>
    public static (string Key, byte[] Bytes) Of(Delegate function)
    {
        // Checked on every call: a capturing lambda shares its method with no other delegate, but is refused each time.
        var reference = FunctionReference.From(function);
        return Written.GetOrAdd(function.Method, _ =>
        {
            var bytes = From(function.Method, reference).Write();
            return (Convert.ToHexString(SHA256.HashData(bytes)), bytes);
        });
    }

    static FunctionDefinition From(MethodInfo method, FunctionReference reference)
    {
        var main = method.Module.Assembly;
        var mainName = main.GetName().Name!;
        bool isFramework = !main.IsDynamic && Path.GetDirectoryName(main.Location) == FrameworkFolder;
        var assemblies = new List<ShippedAssembly>
        {
            new(mainName, method.Module.ModuleVersionId, isFramework ? null : File.ReadAllBytes(reference.AssemblyPath)),
        };
        foreach (var (name, path) in reference.Dependencies)
            if (name != mainName && File.Exists(path))
                assemblies.Add(new ShippedAssembly(name, Guid.Empty, File.ReadAllBytes(path)));
        var portable = reference with { AssemblyPath = mainName, Dependencies = new Dictionary<string, string>() };
        var hints = AssemblyLocator.LoadedAssemblyPaths();
        foreach (var assembly in assemblies)
            hints.Remove(assembly.Name);
        return new FunctionDefinition(portable, assemblies, hints);
    }

    public byte[] Write() => Binary.Write(writer =>
    {
        Binary.WriteFunction(writer, Function);
        writer.Write(Assemblies.Count);
        foreach (var assembly in Assemblies)
        {
            writer.Write(assembly.Name);
            writer.Write(assembly.Mvid.ToByteArray());
            writer.Write(assembly.Image?.Length ?? -1);
            if (assembly.Image is not null)
                writer.Write(assembly.Image);
        }
        writer.Write(Hints.Count);
        foreach (var (name, path) in Hints)
        {
            writer.Write(name);
            writer.Write(path);
        }
    });

    public static FunctionDefinition Read(byte[] bytes)
    {
        using var reader = Binary.Reader(bytes);
        var function = Binary.ReadFunction(reader)
            ?? throw new InvalidDataException("A function definition arrived without its function.");
        var assemblies = new ShippedAssembly[reader.ReadInt32()];
        for (int i = 0; i < assemblies.Length; i++)
        {
            var name = reader.ReadString();
            var mvid = new Guid(reader.ReadBytes(16));
            int length = reader.ReadInt32();
            assemblies[i] = new ShippedAssembly(name, mvid, length < 0 ? null : reader.ReadBytes(length));
        }
        var hints = new Dictionary<string, string>();
        for (int count = reader.ReadInt32(); count > 0; count--)
            hints[reader.ReadString()] = reader.ReadString();
        return new FunctionDefinition(function, assemblies, hints);
    }
}

/// <summary>An assembly a function needs: its simple name, its module version id, and its image when it is not the framework's.</summary>
internal sealed record ShippedAssembly(string Name, Guid Mvid, byte[]? Image);
