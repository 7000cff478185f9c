// Command influx-write writes readings to the temperature API's /api/v2/write with InfluxData's Go
// client (github.com/influxdata/influxdb-client-go/v2), as a gateway built on it would, for
// scripts/gateways/gateways.py to read back through the JSON API and compare.
//
// Point i (0-based) is temperature,building_id=<building>,room_id=r<i%5> temperature=<15+(i%200)/10>
// at <start-ms>+i milliseconds; gateways.py computes the same set.
//
//	influx-write -url U -token T -building B -points N -start-ms S -mode blocking|batched|rejected
//
// blocking: WriteAPIBlocking, 100 points a request. batched: the non-blocking WriteAPI with its own
// batching (50 points) and gzip, flushed at the end; any write error fails the command. rejected:
// one invalid point through WriteAPIBlocking, which must fail with the server's message, printed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	influxdb2 "github.com/influxdata/influxdb-client-go/v2"
	"github.com/influxdata/influxdb-client-go/v2/api/write"
)

func main() {
	url := flag.String("url", "", "the service's base URL")
	token := flag.String("token", "", "a writer token")
	building := flag.String("building", "", "building_id of every point")
	points := flag.Int("points", 100, "how many points")
	startMs := flag.Int64("start-ms", 0, "time of point 0, ms since the epoch")
	mode := flag.String("mode", "blocking", "blocking, batched or rejected")
	flag.Parse()
	if *url == "" || *building == "" || *startMs == 0 {
		fail("-url, -building and -start-ms are required")
	}

	options := influxdb2.DefaultOptions().
		SetPrecision(time.Millisecond).
		SetBatchSize(50).
		SetFlushInterval(200).
		SetUseGZip(*mode == "batched")
	client := influxdb2.NewClientWithOptions(*url, *token, options)
	defer client.Close()
	// org and bucket are what a gateway configured for InfluxDB sends; the service ignores them.
	const org, bucket = "temperature-org", "temperature-bucket"

	switch *mode {
	case "blocking":
		api := client.WriteAPIBlocking(org, bucket)
		for first := 0; first < *points; first += 100 {
			var batch []*write.Point
			for i := first; i < first+100 && i < *points; i++ {
				batch = append(batch, point(*building, i, *startMs))
			}
			if err := api.WritePoint(context.Background(), batch...); err != nil {
				fail("blocking write of points %d..: %v", first, err)
			}
		}
	case "batched":
		api := client.WriteAPI(org, bucket)
		failed := make(chan error, 1)
		go func() {
			for err := range api.Errors() {
				select {
				case failed <- err:
				default:
				}
			}
		}()
		for i := 0; i < *points; i++ {
			api.WritePoint(point(*building, i, *startMs))
		}
		api.Flush()
		select {
		case err := <-failed:
			fail("batched write: %v", err)
		case <-time.After(500 * time.Millisecond):
		}
	case "rejected":
		api := client.WriteAPIBlocking(org, bucket)
		bad := influxdb2.NewPoint("temperature",
			map[string]string{"building_id": *building, "room_id": "-not-an-id"},
			map[string]interface{}{"temperature": 20.0}, time.UnixMilli(*startMs))
		err := api.WritePoint(context.Background(), bad)
		if err == nil {
			fail("an invalid room id was accepted")
		}
		if !strings.Contains(err.Error(), "room id") {
			fail("the client did not surface the server's message: %v", err)
		}
		fmt.Println(err.Error())
	default:
		fail("unknown -mode %q", *mode)
	}
}

func point(building string, i int, startMs int64) *write.Point {
	return influxdb2.NewPoint("temperature",
		map[string]string{"building_id": building, "room_id": fmt.Sprintf("r%d", i%5)},
		map[string]interface{}{"temperature": 15 + float64(i%200)/10},
		time.UnixMilli(startMs+int64(i)))
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "influx-write: "+format+"\n", args...)
	os.Exit(1)
}
