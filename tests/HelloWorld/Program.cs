// The smallest .NET program: the benchmark's floor for starting a process.
System.Console.WriteLine("hello");
