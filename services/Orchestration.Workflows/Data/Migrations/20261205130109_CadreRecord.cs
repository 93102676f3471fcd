using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Orchestration.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class CadreRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cadre_record",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: true),
                    Service = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Step = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Command = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RuleId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Evidence = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cadre_record", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cadre_record_TenantId_CadreId_At",
                table: "cadre_record",
                columns: new[] { "TenantId", "CadreId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cadre_record");
        }
    }
}
