// File: tools/server/main.cc
//
// dynarock-server: a DynamoDB-compatible HTTP endpoint for the AWS SDKs and CLI.
//
//   dynarock-server [--host 127.0.0.1] [--port 8000] [--in-memory | --data-dir DIR]
//                   [--threads N] [--access-key K --secret-key S]
//
// Listens on loopback by default (never all interfaces unless asked). Without --data-dir the
// database lives in memory. With credentials (flags, or DYNAROCK_ACCESS_KEY_ID and
// DYNAROCK_SECRET_ACCESS_KEY) every request's SigV4 signature is verified; without, any
// well-formed signature is accepted, as DynamoDB Local does. Prints
// "dynarock-server listening on http://HOST:PORT" once ready (--port 0 picks a free port).
// SIGINT/SIGTERM: stop accepting, answer requests in flight, close the database, exit 0.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "dynarock/database.h"

#include "lib/server/http_server.h"

#include <pthread.h>

namespace {

constexpr char kUsage[] =
    "usage: dynarock-server [--host HOST] [--port PORT] [--in-memory | --data-dir DIR]\n"
    "                       [--threads N] [--access-key KEY --secret-key SECRET]\n"
    "  --host        address to listen on (default 127.0.0.1)\n"
    "  --port        TCP port, 0 picks a free one (default 8000)\n"
    "  --in-memory   keep the database in memory (the default without --data-dir)\n"
    "  --data-dir    directory of the on-disk database (created if missing)\n"
    "  --threads     worker threads (default: hardware concurrency)\n"
    "  --access-key, --secret-key\n"
    "                verify SigV4 signatures against these credentials (also from\n"
    "                DYNAROCK_ACCESS_KEY_ID / DYNAROCK_SECRET_ACCESS_KEY)\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "dynarock-server: %s\n%s", message.c_str(), kUsage);
  return 2;
}

bool ParseInt(std::string_view s, long min, long max, long* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const std::string copy(s);
  const long v = std::strtol(copy.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  dynarock::server::ServerOptions options;
  std::string data_dir;
  bool in_memory = false;
  std::string access_key, secret_key;
  if (const char* v = std::getenv("DYNAROCK_ACCESS_KEY_ID")) access_key = v;
  if (const char* v = std::getenv("DYNAROCK_SECRET_ACCESS_KEY")) secret_key = v;

  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&](std::string_view name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--in-memory") {
      in_memory = true;
    } else if (arg == "--host" || arg == "--port" || arg == "--data-dir" || arg == "--threads" ||
               arg == "--access-key" || arg == "--secret-key") {
      const char* v = value(arg);
      if (v == nullptr) return Fail(std::string(arg) + " needs a value");
      long n = 0;
      if (arg == "--host") {
        options.host = v;
      } else if (arg == "--port") {
        if (!ParseInt(v, 0, 65535, &n)) return Fail("bad --port: " + std::string(v));
        options.port = static_cast<uint16_t>(n);
      } else if (arg == "--threads") {
        if (!ParseInt(v, 1, 1024, &n)) return Fail("bad --threads: " + std::string(v));
        options.threads = static_cast<int>(n);
      } else if (arg == "--data-dir") {
        data_dir = v;
      } else if (arg == "--access-key") {
        access_key = v;
      } else {
        secret_key = v;
      }
    } else {
      return Fail("unknown argument: " + std::string(arg));
    }
  }
  if (in_memory && !data_dir.empty()) return Fail("--in-memory and --data-dir exclude each other");
  if (access_key.empty() != secret_key.empty()) {
    return Fail("--access-key and --secret-key go together");
  }
  if (!access_key.empty()) {
    options.credentials =
        dynarock::server::Credentials{.access_key_id = access_key, .secret_access_key = secret_key};
  }

  // The worker threads inherit this mask; only sigwait() below sees SIGINT/SIGTERM.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  absl::StatusOr<std::unique_ptr<dynarock::Database>> db =
      data_dir.empty() ? dynarock::Database::OpenInMemory() : dynarock::Database::Open(data_dir);
  if (!db.ok()) {
    std::fprintf(stderr, "dynarock-server: cannot open database: %s\n",
                 std::string(db.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<dynarock::server::HttpServer>> server =
      dynarock::server::HttpServer::Start(**db, options);
  if (!server.ok()) {
    std::fprintf(stderr, "dynarock-server: %s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  const std::string& host = (*server)->host();
  const bool v6 = host.find(':') != std::string::npos;
  std::printf("dynarock-server listening on http://%s%s%s:%u\n", v6 ? "[" : "", host.c_str(),
              v6 ? "]" : "", static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*server)->Stop();
  (*server)->Wait();
  server->reset();
  db->reset();  // closes the database: memtables flushed to the write-ahead log / files
  return 0;
}
