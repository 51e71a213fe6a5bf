using MediaOrleans.Cli.Commands;

// mediactl: a MediaOrleans cluster from the shell, through the same grain interfaces as any
// Orleans client. Results go to standard output, notes and progress to standard error.
return await MediaCtl.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
