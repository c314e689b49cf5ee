/* The physical floor for figure 1 of docs/PERFORMANCE.md: raw read/write over an openpty pair.
 *   pty_pingpong floor N SIZE   fork an echo peer on the controller, ping-pong N exchanges of SIZE bytes on the
 *                               subordinate; prints microseconds per exchange.
 *   pty_pingpong echo SIZE      open a pty pair, print the subordinate path, echo SIZE-byte messages on the
 *                               controller until standard input closes: the same peer for every client measured. */
#define _GNU_SOURCE
#include <pty.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>

static int read_full(int fd, char *buf, int n) {
    int got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0) return -1;
        got += (int)r;
    }
    return got;
}

static int write_full(int fd, const char *buf, int n) {
    int put = 0;
    while (put < n) {
        ssize_t w = write(fd, buf + put, n - put);
        if (w <= 0) return -1;
        put += (int)w;
    }
    return put;
}

static void raw(int fd) {
    struct termios t;
    tcgetattr(fd, &t);
    cfmakeraw(&t);
    tcsetattr(fd, TCSANOW, &t);
}

static void echo_loop(int controller, int size, int watch_stdin) {
    char buf[4096];
    struct pollfd fds[2] = { { controller, POLLIN, 0 }, { 0, POLLIN, 0 } };
    for (;;) {
        if (poll(fds, watch_stdin ? 2 : 1, -1) < 0) return;
        if (watch_stdin && (fds[1].revents & (POLLIN | POLLHUP))) {
            char c;
            if (read(0, &c, 1) <= 0) return;
        }
        if (fds[0].revents & POLLIN) {
            if (read_full(controller, buf, size) < 0) return;
            if (write_full(controller, buf, size) < 0) return;
        } else if (fds[0].revents & (POLLHUP | POLLERR)) {
            /* the client closed the tty: wait for the next one */
            struct timespec ts = { 0, 1000000 };
            nanosleep(&ts, NULL);
        }
    }
}

int main(int argc, char **argv) {
    int controller, subordinate;
    char name[128];
    if (argc < 3) { fprintf(stderr, "usage: pty_pingpong floor N SIZE | echo SIZE\n"); return 2; }
    if (openpty(&controller, &subordinate, name, NULL, NULL) != 0) { perror("openpty"); return 1; }
    raw(controller);
    raw(subordinate);
    if (strcmp(argv[1], "echo") == 0) {
        int size = atoi(argv[2]);
        printf("%s\n", name);
        fflush(stdout);
        echo_loop(controller, size, 1);
        return 0;
    }
    int n = atoi(argv[2]), size = argc > 3 ? atoi(argv[3]) : 16;
    pid_t child = fork();
    if (child == 0) { close(subordinate); echo_loop(controller, size, 0); _exit(0); }
    close(controller);
    char out[4096], in[4096];
    memset(out, 0x5A, sizeof out);
    for (int i = 0; i < n / 10; i++) { write_full(subordinate, out, size); read_full(subordinate, in, size); }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) { write_full(subordinate, out, size); read_full(subordinate, in, size); }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double us = ((b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3) / n;
    printf("%.2f\n", us);
    kill(child, SIGTERM);
    waitpid(child, NULL, 0);
    return 0;
}
