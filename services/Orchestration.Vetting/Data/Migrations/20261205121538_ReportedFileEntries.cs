using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Vetting.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportedFileEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "On",
                table: "cadre_file_entries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "cadre_file_entries",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceReference",
                table: "cadre_file_entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cadre_file_entries_TenantId_Source_SourceReference",
                table: "cadre_file_entries",
                columns: new[] { "TenantId", "Source", "SourceReference" },
                unique: true,
                filter: "\"SourceReference\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cadre_file_entries_TenantId_Source_SourceReference",
                table: "cadre_file_entries");

            migrationBuilder.DropColumn(
                name: "On",
                table: "cadre_file_entries");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "cadre_file_entries");

            migrationBuilder.DropColumn(
                name: "SourceReference",
                table: "cadre_file_entries");
        }
    }
}
