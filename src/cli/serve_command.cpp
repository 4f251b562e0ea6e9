// `nara serve --store F [--port 8080] [--users FILE] [--web DIR] [--suppress N] [--bind ADDR]
// [--config nara.toml]`.
#include <cstdio>
#include <cstdlib>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "kolada/kolada_export.hpp"
#include "run/open_run.hpp"
#include "server/api_server.hpp"

namespace nara::cli {
namespace {

struct ServeOptions {
  server::ServerOptions server;
  std::string config_file;  // for [kolada.kpi] only
  int cache_mb = 256;
};

std::string DefaultWebDir() {
  if (const char* dir = std::getenv("NARA_WEB_DIR"); dir != nullptr && *dir != '\0') return dir;
  return NARA_DEFAULT_WEB_DIR;
}

Result<int> RunServe(ServeOptions options) {
  if (options.server.web_dir.empty()) options.server.web_dir = DefaultWebDir();
  if (!options.config_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto config, run::OpenConfig(options.config_file));
    NARA_ASSIGN_OR_RETURN(auto kpis, kolada::CheckMapping(config.config));
    for (auto& [indicator, kpi] : kpis) options.server.kolada_kpi[indicator] = kpi;
  }
  NARA_ASSIGN_OR_RETURN(auto server, server::ApiServer::Create(options.server));
  NARA_ASSIGN_OR_RETURN(auto port, (server)->Bind());
  std::fprintf(
      stderr, "nara serve: http://%s:%d/ (store %s, users %s)\n", options.server.bind.c_str(), port,
      options.server.store_path.c_str(),
      options.server.users_path.empty() ? "none: public only" : options.server.users_path.c_str());
  (server)->Listen();
  return kExitOk;
}

}  // namespace

Command AddServeCommand(CLI::App& root) {
  auto options = std::make_shared<ServeOptions>();
  auto& server = options->server;
  CLI::App* app = root.add_subcommand("serve", "Serve the JSON API and the dashboard");
  app->add_option("--store", server.store_path, "The store file made by 'nara ingest'")->required();
  app->add_option("--port", server.port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535));
  app->add_option("--bind", server.bind, "Address to listen on (default 127.0.0.1)");
  app->add_option("--users", server.users_path,
                  "Users file from 'nara user add' (without it everyone is public)");
  app->add_option("--web", server.web_dir,
                  "Dashboard files (default $NARA_WEB_DIR, else the source tree's web/dist)");
  app->add_option("--suppress", server.suppress,
                  "Public small-number suppression min count (default: the one stored at "
                  "ingest, 5 unless 'nara ingest --suppress' said otherwise)")
      ->check(CLI::Range(0, 1000));
  app->add_option("--config", options->config_file,
                  "nara.toml whose [kolada.kpi] names the KPIs of /api/kolada/v3/ (docs/kolada.md)");
  app->add_option("--threads", server.threads,
                  "Worker threads; each serves one kept-alive connection at a time")
      ->check(CLI::Range(1, 1024));
  app->add_option("--max-connections-per-client", server.connections.max_per_client,
                  "Connections one client address may have open at once (default 16; more are "
                  "answered 503). Behind a reverse proxy every client has its address: raise it")
      ->check(CLI::Range(1, 100000));
  app->add_option("--cache-mb", options->cache_mb,
                  "Memory for cached answers of the aggregate routes, MB (0: no cache)")
      ->check(CLI::Range(0, 65536));
  return {app, [options] {
            options->server.cache_bytes = static_cast<size_t>(options->cache_mb) << 20;
            return RunServe(*options);
          }};
}

}  // namespace nara::cli
