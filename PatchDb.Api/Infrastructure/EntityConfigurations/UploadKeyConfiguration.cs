using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class UploadKeyConfiguration : IEntityTypeConfiguration<UploadKey>
{
    public const int MaxKeyLength = 200;

    public void Configure(EntityTypeBuilder<UploadKey> builder)
    {
        builder.ToTable("upload_keys");
        // Per user: the same key from another user is another key.
        builder.HasKey(k => new { k.UserId, k.Key });
        builder.Property(k => k.Key).HasMaxLength(MaxKeyLength);
        builder.Property(k => k.RequestSha256).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        // A deleted image forgets its key: a retry then stores the photo again rather than replaying a dead link.
        builder.HasOne<Image>().WithMany().HasForeignKey(k => k.ImageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.CreatedAt);
    }
}
