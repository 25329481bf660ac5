using Microsoft.Extensions.Configuration;

namespace PatchDb.AppHost.Backing;

/// <summary>The backing chosen for this run and why, from <c>PatchDb:Backing</c> = auto | local | containers | azure.</summary>
public sealed record BackingChoice(BackingMode Mode, string Reason)
{
    public const string SettingKey = "PatchDb:Backing";

    public static BackingChoice For(IDistributedApplicationBuilder builder)
    {
        var setting = (builder.Configuration[SettingKey] ?? "auto").Trim().ToLowerInvariant();
        var publish = builder.ExecutionContext.IsPublishMode;
        return setting switch
        {
            "auto" when publish => new(BackingMode.Azure, $"publish mode: existing Azure services by connection string ({SettingKey}=containers for containers with volumes)"),
            "auto" => ContainerRuntime.Probe(builder.Configuration) switch
            {
                { Answered: true } probe => new(BackingMode.Containers, $"auto: {probe.Description}"),
                var probe => new(BackingMode.Local, $"auto: {probe.Description}; the machine's own postgres and redis-server instead"),
            },
            "local" when publish => throw new InvalidOperationException($"{SettingKey}=local cannot be published: use azure (default) or containers."),
            "local" => new(BackingMode.Local, $"{SettingKey}=local"),
            "containers" => new(BackingMode.Containers, $"{SettingKey}=containers"),
            "azure" => new(BackingMode.Azure, $"{SettingKey}=azure"),
            _ => throw new InvalidOperationException($"{SettingKey} is '{setting}'; expected auto, local, containers or azure."),
        };
    }
}
