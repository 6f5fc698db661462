using Course.Commands;

// The course tool: run, check, apps, handouts, install-kernel, kernel and doctor ('--help' lists them).
return await CourseCommand.RunAsync(args);
