using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand, like InitialSchema; MigrationSchemaTests compares the result with the model.
[DbContext(typeof(PatchDbContext))]
[Migration("20261122050000_AddLocalFeatures")]
public sealed class AddLocalFeatures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Images analysed before this migration have no row: they are matched by their embedding alone until a
        // re-index (`reindex` command) analyses them again.
        migrationBuilder.Sql("""
            CREATE TABLE local_features (
                image_id uuid NOT NULL,
                data bytea NOT NULL,
                CONSTRAINT "PK_local_features" PRIMARY KEY (image_id),
                CONSTRAINT "FK_local_features_images_image_id" FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE local_features;");
    }
}
