using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReservePoolActiveMembership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Memberships a race stored twice: the earliest stays active, the later ones are closed as duplicates.
            migrationBuilder.Sql("""
                UPDATE reserve_pool AS later SET "RemovedAt" = later."AddedAt", "RemovedBy" = 'migration',
                       "RemovalReason" = 'duplicate of an earlier active membership'
                WHERE later."RemovedAt" IS NULL AND EXISTS (
                    SELECT 1 FROM reserve_pool AS earlier
                    WHERE earlier."TenantId" = later."TenantId" AND earlier."CadreId" = later."CadreId" AND earlier."RemovedAt" IS NULL
                      AND (earlier."AddedAt" < later."AddedAt" OR (earlier."AddedAt" = later."AddedAt" AND earlier."Id" < later."Id")));
                """);

            migrationBuilder.CreateIndex(
                name: "ux_reserve_pool_active",
                table: "reserve_pool",
                columns: new[] { "TenantId", "CadreId" },
                unique: true,
                filter: "\"RemovedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_reserve_pool_active",
                table: "reserve_pool");
        }
    }
}
