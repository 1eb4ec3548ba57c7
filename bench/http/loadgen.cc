// dynarock-loadgen: a closed-loop HTTP/1.1 load generator for the DynamoDB JSON protocol, used
// by bench/http/run.sh against dynarock-server and Dynoxide alike.
//
//   dynarock-loadgen --port P --op get|put|query [--connections N] [--duration S] [--keys K]
//                    [--max-requests M]
//
// One thread, one epoll set, N keep-alive connections to 127.0.0.1:P, each with one request in
// flight at a time (no pipelining). Requests are the same as bench/http/dynamo.lua sends
// (GetItem/PutItem on "bench", Query returning 10 items on "bench_q", random keys below K),
// built with snprintf into a reused buffer: the generator costs a few microseconds of CPU per
// request, so on a machine it shares with the server most of the CPU goes to the server (wrk
// with a Lua request() per call costs several times more).
//
// Prints one line:
//   RESULT requests=.. duration_us=.. p50_us=.. p99_us=.. errors=.. non200=.. cpu_us=..
// cpu_us is the generator's own CPU time (user + system) over the run: when it comes close to
// duration_us, the generator's core was saturated and the rate measured is its limit, not the
// server's.
// Latency is from the first byte sent to the last byte of the answer. Responses must carry a
// Content-Length (DynamoDB's and both servers' do); anything else counts as an error.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  std::string op = "get";
  int connections = 1;
  double duration_s = 5;
  int keys = 1000;
  int64_t max_requests = 0;  // 0: no limit
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: dynarock-loadgen --port P --op get|put|query [--connections N] "
               "[--duration S] [--keys K] [--max-requests M]\n");
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) Usage();
    const char* v = argv[++i];
    if (arg == "--port") {
      o.port = std::atoi(v);
    } else if (arg == "--op") {
      o.op = v;
    } else if (arg == "--connections") {
      o.connections = std::atoi(v);
    } else if (arg == "--duration") {
      o.duration_s = std::atof(v);
    } else if (arg == "--keys") {
      o.keys = std::atoi(v);
    } else if (arg == "--max-requests") {
      o.max_requests = std::atoll(v);
    } else {
      Usage();
    }
  }
  if (o.port <= 0 || o.port > 65535 || o.connections < 1 || o.keys < 1 || o.duration_s <= 0 ||
      (o.op != "get" && o.op != "put" && o.op != "query")) {
    Usage();
  }
  return o;
}

struct Connection {
  int fd = -1;
  std::string out;        // the request being sent
  size_t sent = 0;
  std::string in;         // bytes of the answer received so far
  Clock::time_point started{};
  bool wants_write_registered = false;  // EPOLLOUT is in the epoll set
};

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_(std::random_device{}()) {
    const char* target = o.op == "get" ? "GetItem" : o.op == "put" ? "PutItem" : "Query";
    std::snprintf(headers_, sizeof(headers_),
                  "POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                  "Content-Type: application/x-amz-json-1.0\r\n"
                  "X-Amz-Target: DynamoDB_20120810.%s\r\nX-Amz-Date: 20260101T000000Z\r\n"
                  "Authorization: AWS4-HMAC-SHA256 "
                  "Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                  "SignedHeaders=host;x-amz-date, Signature=%s\r\n",
                  o.port, target, std::string(64, '0').c_str());
    pad_.assign(150, 'x');
  }

  void BuildRequest(std::string* out) {
    char body[512];
    const int k = std::uniform_int_distribution<int>(0, o_.keys - 1)(rng_);
    int n;
    if (o_.op == "get") {
      n = std::snprintf(body, sizeof(body), R"({"TableName":"bench","Key":{"pk":{"S":"k%06d"}}})",
                        k);
    } else if (o_.op == "put") {
      n = std::snprintf(body, sizeof(body),
                        R"({"TableName":"bench","Item":{"pk":{"S":"k%06d"},"v":{"S":"%s"},)"
                        R"("n":{"N":"%lld"}}})",
                        k, pad_.c_str(), static_cast<long long>(responses_));
    } else {
      n = std::snprintf(body, sizeof(body),
                        R"({"TableName":"bench_q","KeyConditionExpression":"pk = :p",)"
                        R"("ExpressionAttributeValues":{":p":{"S":"p%04d"}}})",
                        k % std::max(1, o_.keys / 10));
    }
    out->assign(headers_);
    char length[64];
    const int ln = std::snprintf(length, sizeof(length), "Content-Length: %d\r\n\r\n", n);
    out->append(length, static_cast<size_t>(ln));
    out->append(body, static_cast<size_t>(n));
  }

  int Run() {
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    conns_.resize(static_cast<size_t>(o_.connections));
    for (size_t i = 0; i < conns_.size(); ++i) {
      if (!Open(&conns_[i])) return 1;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = i;
      epoll_ctl(epfd_, EPOLL_CTL_ADD, conns_[i].fd, &ev);
    }
    latencies_ns_.reserve(1 << 20);
    start_ = Clock::now();
    cpu_start_us_ = CpuMicros();
    const auto end = start_ + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(o_.duration_s));
    for (Connection& c : conns_) Send(&c);
    std::vector<epoll_event> events(conns_.size());
    while (!done_) {
      const int n = epoll_wait(epfd_, events.data(), static_cast<int>(events.size()), 100);
      if (n < 0 && errno != EINTR) {
        std::perror("epoll_wait");
        return 1;
      }
      for (int i = 0; i < n; ++i) {
        Connection& c = conns_[events[i].data.u64];
        if (events[i].events & EPOLLOUT) ContinueSend(&c);
        if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) Receive(&c);
      }
      if (Clock::now() >= end) done_ = true;
    }
    const auto finished = Clock::now();
    Report(std::chrono::duration_cast<std::chrono::microseconds>(finished - start_).count());
    return 0;
  }

 private:
  bool Open(Connection* c) {
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(o_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only
    if (c->fd < 0 || connect(c->fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      std::perror("connect");
      return false;
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
    return true;
  }

  void Send(Connection* c) {
    BuildRequest(&c->out);
    c->sent = 0;
    c->in.clear();
    c->started = Clock::now();
    ContinueSend(c);
  }

  void ContinueSend(Connection* c) {
    while (c->sent < c->out.size()) {
      const ssize_t w = send(c->fd, c->out.data() + c->sent, c->out.size() - c->sent, MSG_NOSIGNAL);
      if (w > 0) {
        c->sent += static_cast<size_t>(w);
        continue;
      }
      if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        SetWantWrite(c, true);
        return;
      }
      return Fail(c);
    }
    SetWantWrite(c, false);
  }

  void SetWantWrite(Connection* c, bool want) {
    epoll_event ev{};
    ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
    ev.data.u64 = static_cast<uint64_t>(c - conns_.data());
    if (want || c->wants_write_registered) epoll_ctl(epfd_, EPOLL_CTL_MOD, c->fd, &ev);
    c->wants_write_registered = want;
  }

  void Receive(Connection* c) {
    char buf[64 * 1024];
    for (;;) {
      const ssize_t r = recv(c->fd, buf, sizeof(buf), 0);
      if (r > 0) {
        c->in.append(buf, static_cast<size_t>(r));
        continue;
      }
      if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      return Fail(c);  // closed or reset
    }
    const size_t header_end = c->in.find("\r\n\r\n");
    if (header_end == std::string::npos) return;
    const std::string_view head(c->in.data(), header_end);
    const long length = ContentLength(head);
    if (length < 0) return Fail(c);
    if (c->in.size() < header_end + 4 + static_cast<size_t>(length)) return;
    if (c->in.size() > header_end + 4 + static_cast<size_t>(length)) return Fail(c);
    const bool ok = head.size() >= 12 && head.substr(9, 3) == "200";
    const auto now = Clock::now();
    if (!done_) {
      ++responses_;
      if (!ok) ++non200_;
      latencies_ns_.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(now - c->started).count());
      if (o_.max_requests > 0 && responses_ >= o_.max_requests) done_ = true;
    }
    if (!done_) Send(c);
  }

  static long ContentLength(std::string_view head) {
    size_t pos = 0;
    while ((pos = head.find("\r\n", pos)) != std::string_view::npos) {
      pos += 2;
      static constexpr std::string_view kName = "content-length:";
      if (head.size() - pos < kName.size()) break;
      bool match = true;
      for (size_t i = 0; i < kName.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(head[pos + i])) != kName[i]) {
          match = false;
          break;
        }
      }
      if (!match) continue;
      return std::strtol(head.data() + pos + kName.size(), nullptr, 10);
    }
    return -1;
  }

  void Fail(Connection* c) {
    if (!done_) ++errors_;
    epoll_ctl(epfd_, EPOLL_CTL_DEL, c->fd, nullptr);
    close(c->fd);
    c->wants_write_registered = false;
    if (done_ || !Open(c)) {
      c->fd = -1;
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = static_cast<uint64_t>(c - conns_.data());
    epoll_ctl(epfd_, EPOLL_CTL_ADD, c->fd, &ev);
    Send(c);
  }

  static int64_t CpuMicros() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto us = [](const timeval& t) { return int64_t{t.tv_sec} * 1000000 + t.tv_usec; };
    return us(u.ru_utime) + us(u.ru_stime);
  }

  void Report(int64_t duration_us) {
    const int64_t cpu_us = CpuMicros() - cpu_start_us_;
    int64_t p50 = 0, p99 = 0;
    if (!latencies_ns_.empty()) {
      auto at = [this](double q) {
        const size_t i = std::min(latencies_ns_.size() - 1,
                                  static_cast<size_t>(q * static_cast<double>(latencies_ns_.size())));
        std::nth_element(latencies_ns_.begin(), latencies_ns_.begin() + static_cast<long>(i),
                         latencies_ns_.end());
        return latencies_ns_[i] / 1000;
      };
      p50 = at(0.50);
      p99 = at(0.99);
    }
    std::printf("RESULT requests=%lld duration_us=%lld p50_us=%lld p99_us=%lld errors=%lld "
                "non200=%lld cpu_us=%lld\n",
                static_cast<long long>(responses_), static_cast<long long>(duration_us),
                static_cast<long long>(p50), static_cast<long long>(p99),
                static_cast<long long>(errors_), static_cast<long long>(non200_),
                static_cast<long long>(cpu_us));
  }

  const Options o_;
  std::mt19937 rng_;
  char headers_[1024];
  std::string pad_;
  int epfd_ = -1;
  std::vector<Connection> conns_;
  std::vector<int64_t> latencies_ns_;
  Clock::time_point start_{};
  int64_t cpu_start_us_ = 0;
  int64_t responses_ = 0, non200_ = 0, errors_ = 0;
  bool done_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  Generator generator(ParseArgs(argc, argv));
  return generator.Run();
}
