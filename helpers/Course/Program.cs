using Course.Commands;

// The course tool: run, check, handouts, install-kernel and kernel ('--help' lists them).
return await CourseCommand.RunAsync(args);
