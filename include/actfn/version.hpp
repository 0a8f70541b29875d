#ifndef ACTFN_VERSION_HPP
#define ACTFN_VERSION_HPP

#define ACTFN_VERSION_MAJOR 0
#define ACTFN_VERSION_MINOR 1
#define ACTFN_VERSION_PATCH 0

namespace actfn {
inline constexpr int version_major = ACTFN_VERSION_MAJOR;
inline constexpr int version_minor = ACTFN_VERSION_MINOR;
inline constexpr int version_patch = ACTFN_VERSION_PATCH;
}  // namespace actfn

#endif
