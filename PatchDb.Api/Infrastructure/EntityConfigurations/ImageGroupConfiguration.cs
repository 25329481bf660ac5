using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class ImageGroupConfiguration : IEntityTypeConfiguration<ImageGroup>
{
    public void Configure(EntityTypeBuilder<ImageGroup> builder)
    {
        builder.ToTable("groups", t => t.HasCheckConstraint("ck_groups_copies", $"copies BETWEEN 1 AND {ImageGroup.MaxCopies}"));
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.UserId);
    }
}
