using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Audit.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeaderActsAndHandover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HandedOverOn",
                table: "departure_audits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "HandoverItems",
                table: "departure_audits",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "leader_acts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Power = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ActedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leader_acts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_leader_acts_TenantId_CadreId",
                table: "leader_acts",
                columns: new[] { "TenantId", "CadreId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leader_acts");

            migrationBuilder.DropColumn(
                name: "HandedOverOn",
                table: "departure_audits");

            migrationBuilder.DropColumn(
                name: "HandoverItems",
                table: "departure_audits");
        }
    }
}
