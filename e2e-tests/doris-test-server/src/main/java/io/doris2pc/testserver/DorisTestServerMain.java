package io.doris2pc.testserver;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a Doris test server as a process until killed:
 * {@code --fe-port 8030 --be-port 8040 --user root --password ''}.
 */
public final class DorisTestServerMain {
    private DorisTestServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        DorisTestServer.Builder builder = DorisTestServer.builder().fePort(8030).bePort(8040);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--fe-port":
                    builder.fePort(Integer.parseInt(value));
                    break;
                case "--be-port":
                    builder.bePort(Integer.parseInt(value));
                    break;
                case "--user":
                    builder.user(value);
                    break;
                case "--password":
                    builder.password(value);
                    break;
                default:
                    System.err.println("unknown argument " + args[i]
                            + "; usage: --fe-port N --be-port N --user U --password P");
                    System.exit(2);
            }
            i++;
        }
        DorisTestServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Doris test server ready: fenodes=" + server.feAddress() + " benodes=" + server.beAddress());
        new CountDownLatch(1).await();
    }
}
