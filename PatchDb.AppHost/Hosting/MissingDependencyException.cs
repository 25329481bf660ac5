namespace PatchDb.AppHost.Hosting;

/// <summary>A required program or build output is missing; the message says how to get it.</summary>
public sealed class MissingDependencyException(string message) : Exception(message);
