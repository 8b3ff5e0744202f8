# Sourced by demo.sh and test.sh: the Debian packages juesuan's outputs need from the system, set up
# where the user may (root with apt-get, as .ci/run does), else named in one line.
#
#   need_cjk_font      returns 0 when fontconfig sees a CJK font (installing fonts-noto-cjk first
#                      where it can); otherwise prints one line saying what to install, returns 1.
#
# FONTCONFIG_FILE pointing at an empty configuration stands for a machine without fonts.

have_cjk_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh file 2>/dev/null)" ]
}

need_cjk_font() {
  have_cjk_font && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
      && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    echo "安装中文字体 / installing the CJK font: apt-get install fonts-noto-cjk" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
             fonts-noto-cjk fontconfig; } >/dev/null 2>&1
    have_cjk_font && return 0
  fi
  echo "未找到中文字体：$1；请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）/ no CJK font: $2; install fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)" >&2
  return 1
}
