using Course.Commands;

// The course tool: run, check, apps, handouts, install-kernel, kernel and release ('--help' lists them).
return await CourseCommand.RunAsync(args);
