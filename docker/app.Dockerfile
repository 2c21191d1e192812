# One image for the launcher's cluster-mode commands (dashboard, simulate, job submit).
# Build context: the repository root, after `mvn -B -DskipTests package`.
FROM eclipse-temurin:17-jre
WORKDIR /opt/110live
COPY app/target/lib/ lib/
COPY app/target/app.jar app.jar
COPY stream-jobs/target/stream-jobs-*-job.jar stream-jobs-job.jar
ENV JAVA_OPTS="-Xmx1g"
EXPOSE 7070
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -jar /opt/110live/app.jar \"$@\"", "110live"]
