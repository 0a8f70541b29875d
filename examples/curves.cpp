// Plots the seven activations and their derivatives over [-5, 5] as an SVG (no dependencies):
//
//   curves [FILE]     FILE defaults to curves.svg; a name ending in .csv gets the sampled
//                     values as CSV instead (x, then f and f' of every function).
//
// Everything plotted comes from the library's own functors: f(x) and f.derivative(x).
#include <actfn/actfn.hpp>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

struct curve {
  const char* name;
  const char* label;
  const char* color;  // Okabe-Ito palette: distinguishable with colour-blindness
  const char* dash;   // nearly coincident pairs (relu/leaky_relu, gelu/gelu_tanh) get a dash
  std::function<double(double)> f, df;
};

template <class F> curve make(const char* name, const char* label, const char* color,
                              const char* dash, F fn) {
  return {name, label, color, dash, [fn](double x) { return fn(x); },
          [fn](double x) { return fn.derivative(x); }};
}

std::vector<curve> curves() {
  return {
      make("sigmoid", "sigmoid", "#0072B2", "", actfn::sigmoid{}),
      make("relu", "relu", "#000000", "", actfn::relu{}),
      make("leaky_relu", "leaky_relu (\u03b1 = 0.1)", "#8C8C8C", "7 4", actfn::leaky_relu{0.1}),
      make("tanh", "tanh", "#009E73", "", actfn::tanh{}),
      make("swish", "swish (\u03b2 = 1), silu", "#CC79A7", "", actfn::swish{1.0}),
      make("gelu", "gelu", "#D55E00", "", actfn::gelu{}),
      make("gelu_tanh", "gelu_tanh (tanh approx.)", "#E69F00", "5 4", actfn::gelu_tanh{}),
  };
}

constexpr double x_min = -5.0, x_max = 5.0;
constexpr int samples = 1000;  // intervals; x = -5 + i/100 hits 0 and the integers exactly

double sample_x(int i) { return x_min + (x_max - x_min) * i / samples; }

// One panel: a frame of w x h pixels at (left, top) showing [x_min, x_max] x [y_lo, y_hi].
struct panel {
  double left, top, w, h, y_lo, y_hi, y_step;
  const char* title;
  const char* y_label;
  double px(double x) const { return left + (x - x_min) / (x_max - x_min) * w; }
  double py(double y) const { return top + (y_hi - y) / (y_hi - y_lo) * h; }
};

void draw_panel(std::FILE* out, const panel& p, int id, const std::vector<curve>& cs,
                bool derivative) {
  std::fprintf(out, "<clipPath id=\"clip%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
               "height=\"%.1f\"/></clipPath>\n", id, p.left, p.top, p.w, p.h);
  std::fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fcfcfc\" "
               "stroke=\"#999\"/>\n", p.left, p.top, p.w, p.h);
  // Gridlines and tick labels; the axes through the origin are drawn darker.
  for (int k = -5; k <= 5; ++k) {
    const double x = p.px(k);
    std::fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                 x, p.top, x, p.top + p.h, k == 0 ? "#555" : "#e3e3e3");
    std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%d"
                 "</text>\n", x, p.top + p.h + 16, k);
  }
  const int first = static_cast<int>(std::ceil(p.y_lo / p.y_step - 1e-9));
  const int last = static_cast<int>(std::floor(p.y_hi / p.y_step + 1e-9));
  for (int k = first; k <= last; ++k) {
    const double v = k * p.y_step, y = p.py(v);
    std::fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                 p.left, y, p.left + p.w, y, k == 0 ? "#555" : "#e3e3e3");
    std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%g"
                 "</text>\n", p.left - 6, y + 4, v);
  }
  std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" font-weight=\"bold\" "
               "text-anchor=\"middle\">%s</text>\n", p.left + p.w / 2, p.top - 12, p.title);
  std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" text-anchor=\"middle\" "
               "font-style=\"italic\">x</text>\n", p.left + p.w / 2, p.top + p.h + 36);
  const double ly = p.top + p.h / 2;
  std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" text-anchor=\"middle\" "
               "font-style=\"italic\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n",
               p.left - 40, ly, p.left - 40, ly, p.y_label);

  // The curves, clipped to the frame. A jump (relu' and leaky_relu' at 0) starts a new subpath
  // instead of drawing a vertical segment that is not part of the graph.
  const double jump = 0.25 * (p.y_hi - p.y_lo);
  for (const curve& c : cs) {
    std::string d;
    double prev = 0.0;
    char buf[64];
    for (int i = 0; i <= samples; ++i) {
      const double x = sample_x(i);
      const double y = derivative ? c.df(x) : c.f(x);
      const bool move = i == 0 || std::fabs(y - prev) > jump;
      std::snprintf(buf, sizeof buf, "%c%.2f,%.2f", move ? 'M' : 'L', p.px(x), p.py(y));
      d += buf;
      prev = y;
    }
    // Dashed curves are thinner, so the solid curve they lie on still shows between the dashes.
    std::fprintf(out, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                 "stroke-linejoin=\"round\"%s%s%s clip-path=\"url(#clip%d)\"/>\n",
                 d.c_str(), c.color, *c.dash ? "1.8" : "2.6", *c.dash ? " stroke-dasharray=\"" : "",
                 c.dash, *c.dash ? "\"" : "", id);
  }
}

int write_svg(std::FILE* out) {
  const std::vector<curve> cs = curves();
  const panel fp{70, 70, 420, 340, -1.5, 5.0, 1.0, "Activation functions f(x)", "f(x)"};
  const panel dp{580, 70, 420, 340, -0.25, 1.25, 0.25, "Derivatives f\u2032(x)", "f\u2032(x)"};
  const int width = 1040, height = 525;
  std::fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
               width, height, width, height);
  std::fprintf(out, "<text x=\"%d\" y=\"30\" font-size=\"20\" font-weight=\"bold\" "
               "text-anchor=\"middle\">actfn: activation functions and their derivatives</text>\n",
               width / 2);
  draw_panel(out, fp, 0, cs, false);
  draw_panel(out, dp, 1, cs, true);

  // Legend under both panels: two rows, four then three entries.
  const double lx0 = 90, ly0 = 470, col = 235, row = 26;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const double x = lx0 + col * static_cast<double>(i % 4), y = ly0 + row * static_cast<double>(i / 4);
    std::fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                 "stroke-width=\"3\"%s%s%s/>\n", x, y, x + 34, y, cs[i].color,
                 *cs[i].dash ? " stroke-dasharray=\"" : "", cs[i].dash, *cs[i].dash ? "\"" : "");
    std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\">%s</text>\n", x + 42, y + 5,
                 cs[i].label);
  }
  std::fprintf(out, "</svg>\n");
  return 0;
}

int write_csv(std::FILE* out) {
  const std::vector<curve> cs = curves();
  std::fprintf(out, "x");
  for (const curve& c : cs) std::fprintf(out, ",%s,d_%s", c.name, c.name);
  std::fprintf(out, "\n");
  for (int i = 0; i <= samples; ++i) {
    const double x = sample_x(i);
    std::fprintf(out, "%.17g", x);
    for (const curve& c : cs) std::fprintf(out, ",%.17g,%.17g", c.f(x), c.df(x));
    std::fprintf(out, "\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "curves.svg";
  const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (!out) {
    std::perror(path.c_str());
    return 1;
  }
  csv ? write_csv(out) : write_svg(out);
  if (std::fclose(out) != 0) {
    std::perror(path.c_str());
    return 1;
  }
  std::printf("wrote %s\n", path.c_str());
  return 0;
}
