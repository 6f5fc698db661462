using Course.Commands;

// The course tool: run, check, apps, handouts, install-kernel, kernel, doctor and release ('--help' lists them).
return await CourseCommand.RunAsync(args);
