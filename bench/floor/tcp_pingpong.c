/* The physical floor for figure 2 of docs/PERFORMANCE.md: raw blocking send/recv over TCP loopback, TCP_NODELAY on.
 *   tcp_pingpong N REQUEST REPLY   start an echo peer thread on 127.0.0.1 (an ephemeral port) that answers every
 *                                  REQUEST-byte message with REPLY bytes; ping-pong N exchanges; prints microseconds
 *                                  per exchange. A thread, not a process: the harness' emulator is in its process too. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int recv_full(int fd, char *buf, int n) {
    int got = 0;
    while (got < n) {
        ssize_t r = recv(fd, buf + got, n - got, 0);
        if (r <= 0) return -1;
        got += (int)r;
    }
    return got;
}

static int send_full(int fd, const char *buf, int n) {
    int put = 0;
    while (put < n) {
        ssize_t w = send(fd, buf + put, n - put, 0);
        if (w <= 0) return -1;
        put += (int)w;
    }
    return put;
}

static void no_delay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int listener, request, reply, total;

static void *echo(void *unused) {
    (void)unused;
    int peer = accept(listener, NULL, NULL);
    no_delay(peer);
    char in[4096], out[4096];
    memset(out, 0x5A, sizeof out);
    for (int i = 0; i < total; i++) {
        if (recv_full(peer, in, request) < 0 || send_full(peer, out, reply) < 0) break;
    }
    close(peer);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: tcp_pingpong N REQUEST REPLY\n"); return 2; }
    int n = atoi(argv[1]);
    request = atoi(argv[2]);
    reply = atoi(argv[3]);
    if (request <= 0 || reply <= 0 || request > 4096 || reply > 4096) { fprintf(stderr, "sizes 1..4096\n"); return 2; }
    listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1) != 0) { perror("bind/listen"); return 1; }
    getsockname(listener, (struct sockaddr *)&address, &length);
    total = n + n / 10;
    pthread_t peer;
    pthread_create(&peer, NULL, echo, NULL);
    int client = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(client, (struct sockaddr *)&address, sizeof address) != 0) { perror("connect"); return 1; }
    no_delay(client);
    char out[4096], in[4096];
    memset(out, 0xA5, sizeof out);
    for (int i = 0; i < n / 10; i++) { send_full(client, out, request); recv_full(client, in, reply); }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) { send_full(client, out, request); recv_full(client, in, reply); }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.2f\n", ((b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3) / n);
    close(client);
    pthread_join(peer, NULL);
    close(listener);
    return 0;
}
