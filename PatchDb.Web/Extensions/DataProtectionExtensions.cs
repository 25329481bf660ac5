using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace PatchDb.Web.Extensions;

internal static class DataProtectionExtensions
{
    /// <summary>Redis key of the Data Protection key ring shared by every Web replica.</summary>
    public const string KeyRingKey = "patchdb:web:data-protection-keys";

    /// <summary>
    /// The keys that encrypt the session cookie and the antiforgery tokens, in Redis (<c>ConnectionStrings:cache</c>)
    /// so that every replica and every restart reads the same ring: a collector stays signed in across both. Without
    /// Redis the framework's default applies (a folder in the user's profile: one machine only).
    /// </summary>
    public static void AddDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        // One application name for every replica, whatever folder it runs from.
        builder.Services.AddDataProtection().SetApplicationName("PatchDb.Web");
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString("cache")))
        {
            return;
        }
        // AbortOnConnectFail=false: the Web starts while Redis is still starting, and connects when it is up.
        builder.AddRedisClient("cache", configureOptions: redis => redis.AbortOnConnectFail = false);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey));
    }
}
