// Peer: oneDNN eltwise primitives on the same buffers: eltwise_logistic, eltwise_relu (alpha 0;
// alpha 0.01 for leaky_relu), eltwise_tanh, eltwise_swish (alpha = beta = 1), eltwise_gelu_erf,
// eltwise_gelu_tanh; backward from the source (the same inputs as the other rows: x and dy), not
// the *_use_dst_for_bwd variants. A primitive and its memory objects are created once per row,
// outside the timing; the timed call is execute() + stream.wait().
// Single-threaded, like the rest: with the OpenMP runtime (Debian's build) the benchmark calls
// omp_set_num_threads(1), found with dlsym so that nothing here links OpenMP itself.
// f32 only with oneDNN 2.x (it has no f64 data type); with 3.x f64 rows are registered when the
// CPU engine accepts an f64 eltwise primitive. Built only with -DACTFN_BENCH_PEERS=ON.
#include <oneapi/dnnl/dnnl.hpp>

#include <dlfcn.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "peers.hpp"

namespace {

using actfn_bench::dir;
using actfn_bench::fn;

struct alg_params {
  dnnl::algorithm alg;
  float alpha, beta;
};

alg_params params(fn f) {
  using a = dnnl::algorithm;
  switch (f) {
    case fn::sigmoid: return {a::eltwise_logistic, 0.f, 0.f};
    case fn::relu: return {a::eltwise_relu, 0.f, 0.f};
    case fn::leaky_relu: return {a::eltwise_relu, 0.01f, 0.f};
    case fn::tanh: return {a::eltwise_tanh, 0.f, 0.f};
    case fn::swish: return {a::eltwise_swish, 1.f, 0.f};
    case fn::gelu: return {a::eltwise_gelu_erf, 0.f, 0.f};
    case fn::gelu_tanh: return {a::eltwise_gelu_tanh, 0.f, 0.f};
  }
  return {a::eltwise_relu, 0.f, 0.f};
}

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}
dnnl::stream& stream() {
  static dnnl::stream s(engine());
  return s;
}

template <class T> dnnl::memory::data_type data_type() {
#if DNNL_VERSION_MAJOR >= 3
  if (std::is_same<T, double>::value) return dnnl::memory::data_type::f64;
#endif
  return dnnl::memory::data_type::f32;
}

dnnl::memory::desc md_for(dnnl::memory::data_type dt, std::size_t n) {
  return dnnl::memory::desc({static_cast<dnnl::memory::dim>(n)}, dt, dnnl::memory::format_tag::a);
}

dnnl::eltwise_forward::primitive_desc fwd_pd(const alg_params& p, const dnnl::memory::desc& md) {
#if DNNL_VERSION_MAJOR >= 3
  return dnnl::eltwise_forward::primitive_desc(engine(), dnnl::prop_kind::forward_training, p.alg,
                                               md, md, p.alpha, p.beta);
#else
  return dnnl::eltwise_forward::primitive_desc(
      dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, p.alg, md, p.alpha, p.beta),
      engine());
#endif
}

dnnl::eltwise_backward::primitive_desc bwd_pd(const alg_params& p, const dnnl::memory::desc& md,
                                              const dnnl::eltwise_forward::primitive_desc& hint) {
#if DNNL_VERSION_MAJOR >= 3
  return dnnl::eltwise_backward::primitive_desc(engine(), p.alg, md, md, md, p.alpha, p.beta, hint);
#else
  return dnnl::eltwise_backward::primitive_desc(
      dnnl::eltwise_backward::desc(p.alg, md, md, p.alpha, p.beta), engine(), hint);
#endif
}

// One row: built on the first prepare() (the buffers are fixed for the run), reused after.
struct row_state {
  dir d;
  fn f;
  dnnl::memory::data_type dt;
  bool built = false;
  std::string error;
  dnnl::primitive prim;
  std::unordered_map<int, dnnl::memory> args;
};

template <class T>
const char* prepare(void* ctx, const T* x, const T* dy, T* out, std::size_t n) {
  auto& st = *static_cast<row_state*>(ctx);
  if (st.built) return nullptr;
  if (!st.error.empty()) return st.error.c_str();
  try {
    const alg_params p = params(st.f);
    const dnnl::memory::desc md = md_for(st.dt, n);
    const auto fpd = fwd_pd(p, md);
    auto& eng = engine();
    dnnl::memory src(md, eng, const_cast<T*>(x));
    if (st.d == dir::fwd) {
      st.prim = dnnl::eltwise_forward(fpd);
      st.args = {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dnnl::memory(md, eng, out)}};
    } else {
      st.prim = dnnl::eltwise_backward(bwd_pd(p, md, fpd));
      st.args = {{DNNL_ARG_SRC, src},
                 {DNNL_ARG_DIFF_DST, dnnl::memory(md, eng, const_cast<T*>(dy))},
                 {DNNL_ARG_DIFF_SRC, dnnl::memory(md, eng, out)}};
    }
    st.built = true;
    return nullptr;
  } catch (const std::exception& e) {
    st.error = std::string("oneDNN: ") + e.what();
    return st.error.c_str();
  }
}

template <class T> void run(void* ctx, const T*, const T*, T*, std::size_t) {
  auto& st = *static_cast<row_state*>(ctx);
  st.prim.execute(stream(), st.args);
  stream().wait();
}

// Whether the CPU engine builds this algorithm for this type at all (checked once, on 16 elements).
bool supported(fn f, dnnl::memory::data_type dt) {
  try {
    const alg_params p = params(f);
    const auto md = md_for(dt, 16);
    bwd_pd(p, md, fwd_pd(p, md));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<std::unique_ptr<row_state>>& states() {
  static std::vector<std::unique_ptr<row_state>> s;
  return s;
}

template <class T> int register_type() {
  int rows = 0;
  for (int i = 0; i < actfn_bench::fn_count; ++i) {
    const fn f = static_cast<fn>(i);
    if (!supported(f, data_type<T>())) continue;
    for (std::size_t bytes : actfn_bench::bytes_per_array) {
      for (dir d : {dir::fwd, dir::bwd}) {
        states().push_back(std::make_unique<row_state>());
        row_state& st = *states().back();
        st.d = d;
        st.f = f;
        st.dt = data_type<T>();
        actfn_bench::register_peer_row(d, f, "onednn", bytes / sizeof(T),
                                       actfn_bench::peer_row<T>{prepare<T>, run<T>, &st});
        ++rows;
      }
    }
  }
  return rows;
}

// omp_set_num_threads(1) if an OpenMP runtime is loaded (libdnnl pulls it in); the thread count
// oneDNN will use, as text.
std::string single_thread() {
  void* set = dlsym(RTLD_DEFAULT, "omp_set_num_threads");
  void* get = dlsym(RTLD_DEFAULT, "omp_get_max_threads");
  if (set == nullptr || get == nullptr) return "no OpenMP runtime found (threads not set)";
  void (*set_fn)(int);
  int (*get_fn)();
  std::memcpy(&set_fn, &set, sizeof set_fn);
  std::memcpy(&get_fn, &get, sizeof get_fn);
  set_fn(1);
  return "OpenMP, omp_get_max_threads() = " + std::to_string(get_fn());
}

int register_onednn() {
  try {
    const std::string threads = single_thread();
    const dnnl_version_t* v = dnnl::version();
    const std::string version = "oneDNN " + std::to_string(v->major) + "." +
                                std::to_string(v->minor) + "." + std::to_string(v->patch) +
                                " (cpu runtime " +
                                (v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" :
                                 v->cpu_runtime == DNNL_RUNTIME_SEQ ? "sequential" : "other") +
                                "), " + threads;
    actfn_bench::add_context("onednn", version.c_str());
    register_type<float>();
#if DNNL_VERSION_MAJOR >= 3
    if (register_type<double>() == 0)
      actfn_bench::add_context("onednn_f64", "f64 eltwise not supported by the CPU engine");
#else
    actfn_bench::add_context("onednn_f64", "oneDNN 2.x has no f64 data type: no double rows");
#endif
  } catch (const std::exception& e) {
    actfn_bench::add_context("onednn", (std::string("left out: ") + e.what()).c_str());
  }
  return 0;
}

const int registered = register_onednn();

}  // namespace
