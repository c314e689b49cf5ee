using UsocHil.Cli;

return await UsocHilCli.RunAsync(args);
