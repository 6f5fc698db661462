using Course;

// The course tool. Commands:
//   run NOTEBOOK [--write] [--out DIR] [--timeout SECONDS]   run one notebook headless in the pinned kernel
//   check [--timeout SECONDS]                                 run every lesson in notebooks/
//   handouts [--out DIR] [--timeout SECONDS]                  export every lesson as an HTML handout
return await CommandLine.RunAsync(args);
