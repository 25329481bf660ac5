using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand, like InitialSchema; MigrationSchemaTests compares the result with the model.
[DbContext(typeof(PatchDbContext))]
[Migration("20261201090000_AddSharingAndSessions")]
public sealed class AddSharingAndSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing groups count as one copy; new rows always carry the value, so the default goes again.
        migrationBuilder.Sql("""
            ALTER TABLE groups ADD copies integer NOT NULL DEFAULT 1;
            ALTER TABLE groups ALTER COLUMN copies DROP DEFAULT;
            ALTER TABLE groups ADD CONSTRAINT ck_groups_copies CHECK (copies BETWEEN 1 AND 999);
            CREATE TABLE share_links (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                scope integer NOT NULL,
                group_id uuid,
                token_hash character varying(64) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                last_opened_at timestamp with time zone,
                CONSTRAINT "PK_share_links" PRIMARY KEY (id),
                CONSTRAINT "FK_share_links_groups_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
                CONSTRAINT "FK_share_links_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX "IX_share_links_token_hash" ON share_links (token_hash);
            CREATE INDEX "IX_share_links_user_id" ON share_links (user_id);
            CREATE INDEX "IX_share_links_group_id" ON share_links (group_id);
            CREATE TABLE refresh_tokens (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                family_id uuid NOT NULL,
                token_hash character varying(64) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                used_at timestamp with time zone,
                revoked_at timestamp with time zone,
                CONSTRAINT "PK_refresh_tokens" PRIMARY KEY (id),
                CONSTRAINT "FK_refresh_tokens_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX "IX_refresh_tokens_token_hash" ON refresh_tokens (token_hash);
            CREATE INDEX "IX_refresh_tokens_family_id" ON refresh_tokens (family_id);
            CREATE INDEX "IX_refresh_tokens_user_id" ON refresh_tokens (user_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE refresh_tokens;
            DROP TABLE share_links;
            ALTER TABLE groups DROP CONSTRAINT ck_groups_copies;
            ALTER TABLE groups DROP COLUMN copies;
            """);
    }
}
